import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { SimDriver } from '../../src/main/drivers/sim/sim-driver';
import { describeDriverConformance } from './conformance';

describeDriverConformance('sim', async () => {
  const clock = new VirtualClock();
  const driver = new SimDriver({ clock, preset: 'tiny' });
  return {
    driver,
    vmId: 'DC0_C0_H0_VM0',
    sourceHostId: 'DC0_C0_H0',
    destHostId: 'DC0_C0_H1',
    localDiskVm: { vmId: 'DC0_C0_H0_VM1', destDatastoreId: 'DC0_C0_H1_DS0' },
    wait: (ms) => clock.advance(ms),
    cleanup: () => driver.close(),
  };
});
