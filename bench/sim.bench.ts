import { it } from 'vitest';
import { VirtualClock } from '../src/main/base/clock/virtual-clock';
import { SimDriver } from '../src/main/drivers/sim/sim-driver';
import { bestOf, record, smoke } from './harness';

it('builds and discovers the large simulated datacenter', async () => {
  const preset = smoke ? 'demo' : 'large';
  let driver: SimDriver | null = null;
  const ms = await bestOf(smoke ? 1 : 3, async () => {
    driver = new SimDriver({ clock: new VirtualClock(), preset });
    await driver.discover();
  });
  const found = await (driver as unknown as SimDriver).discover();
  record({
    name: `sim: build + discover ${preset} (${found.hosts.length} hosts, ${found.vms.length} VMs)`,
    value: ms,
    unit: 'ms',
    goal: smoke ? null : 3000,
    better: 'lower',
  });
});
