// Guests' dirty rates measured through libvirt (page sampling) against a fake host: on demand for
// one VM, and a few guests per inventory round, never all at once; only page sampling is sent.

import { afterEach, describe, expect, it } from 'vitest';
import type { LibvirtHostConfig } from '../../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { FakeHost, State } from './fake-host';
import { harness, migrationCalled, VM } from './job-harness';
import { MemoryJournal } from '../../helpers/memory-journal';

const A = new FakeHost('aaaaaaaa-0000-4000-8000-000000000011', 'kvm-a');
const uuid = (n: number) => `0000000${n}-1111-4000-8000-000000000000`;
const MiB = 1024 ** 2;

const drivers: LibvirtDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  A.domains.clear();
  A.dirtyRateCalcs.splice(0);
  A.dirtyRateMiBps.clear();
  A.readsWhileMeasuring = 0;
  A.stallStarts = false;
});

function newDriver(maxInFlight = 2): LibvirtDriver {
  const config: LibvirtHostConfig = { uri: 'qemu+tcp://a/system', clusterId: 'c1' };
  const driver = new LibvirtDriver({
    hosts: [config],
    openClient: () => A.open(),
    journal: new MemoryJournal(),
    dirtyRateSampling: { seconds: 1, maxInFlight, refreshMs: 60_000 },
  });
  drivers.push(driver);
  return driver;
}

function guests(count: number, state: number = State.RUNNING): void {
  for (let n = 1; n <= count; n++) {
    A.addDomain({ name: `g${n}`, uuid: uuid(n), state, persistent: true });
    A.dirtyRateMiBps.set(uuid(n), 8 * n);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the migration link a host reports', () => {
  it('is the speed configured with the host, or 10 Gb/s marked as assumed', async () => {
    const assumed = await newDriver().discover();
    expect(assumed.hosts[0]).toMatchObject({ migrationBandwidthBps: 10e9 / 8, migrationBandwidthSource: 'assumed' });
    const configured = new LibvirtDriver({
      hosts: [{ uri: 'qemu+tcp://a/system', clusterId: 'c1', migrationBandwidthBps: 125e6 }],
      openClient: () => A.open(),
      journal: new MemoryJournal(),
    });
    drivers.push(configured);
    expect((await configured.discover()).hosts[0]).toMatchObject({ migrationBandwidthBps: 125e6, migrationBandwidthSource: 'configured' });
  });
});

describe('measuring a guest now (the wizard)', () => {
  it('page-samples it for the configured seconds and reports bytes per second with the time', async () => {
    guests(1);
    A.readsWhileMeasuring = 1;
    const before = Date.now();
    const measured = await newDriver().measureDirtyRate(uuid(1));
    expect(A.dirtyRateCalcs).toEqual([{ uuid: uuid(1), seconds: 1, flags: 0 }]);
    expect(measured?.bytesPerSecond).toBe(8 * MiB);
    expect(Date.parse(measured?.measuredAt ?? '')).toBeGreaterThanOrEqual(before);
  });

  it('takes its own sample after a calculation the inventory started before it was asked', async () => {
    guests(1);
    const driver = newDriver(1);
    await driver.discover();
    expect(A.dirtyRateCalcs).toHaveLength(1);
    const measured = await driver.measureDirtyRate(uuid(1));
    expect(A.dirtyRateCalcs).toHaveLength(2);
    expect(measured?.bytesPerSecond).toBe(8 * MiB);
  });

  it('has nothing to say of a guest that does not run', async () => {
    guests(1, State.SHUTOFF);
    expect(await newDriver().measureDirtyRate(uuid(1))).toBeNull();
    expect(A.dirtyRateCalcs).toEqual([]);
  });
});

describe('measuring the inventory, a few guests at a time', () => {
  it('starts at most maxInFlight calculations per round and reports each result with its time', async () => {
    guests(5);
    const driver = newDriver(2);
    const first = await driver.discover();
    expect(A.dirtyRateCalcs).toHaveLength(2);
    expect(first.vms.every((vm) => vm.dirtyRateBps === 0 && vm.dirtyRateMeasuredAt === null)).toBe(true);

    await pause(1_100);
    const second = await driver.discover();
    const measured = second.vms.filter((vm) => vm.dirtyRateMeasuredAt);
    expect(measured.map((vm) => vm.name).sort()).toEqual(['g1', 'g2']);
    expect(measured.find((vm) => vm.name === 'g2')?.dirtyRateBps).toBe(16 * MiB);
    // The next two start only once the first two were read: never more than two at once.
    expect(A.dirtyRateCalcs.map((c) => c.uuid)).toEqual([uuid(1), uuid(2), uuid(3), uuid(4)]);
    expect(A.dirtyRateCalcs.every((c) => c.flags === 0)).toBe(true);
  });

  it('dates a result by its sampling window, not by when a later round read it', async () => {
    guests(1);
    const driver = newDriver(1);
    const started = Date.now();
    await driver.discover();
    await pause(2_500);
    const readAt = Date.now();
    const [vm] = (await driver.discover()).vms;
    const measuredAt = Date.parse(vm?.dirtyRateMeasuredAt ?? '');
    expect(measuredAt).toBeGreaterThanOrEqual(started + 1_000);
    expect(measuredAt).toBeLessThan(readAt - 1_000);
  });

  it('waits for a calculation still measuring instead of starting another', async () => {
    guests(1);
    A.readsWhileMeasuring = 5;
    const driver = newDriver(1);
    await driver.discover();
    await pause(1_100);
    const vms = (await driver.discover()).vms;
    expect(vms[0]?.dirtyRateMeasuredAt).toBeNull();
    expect(A.dirtyRateCalcs).toHaveLength(1);
  });

  it('does not hold discovery up while libvirt makes a calculation wait, nor start a second round meanwhile', async () => {
    guests(2);
    A.stallStarts = true;
    const driver = newDriver(2);
    const started = Date.now();
    await driver.discover();
    await driver.discover();
    expect(Date.now() - started).toBeLessThan(5_000);
    // The first round is still stuck on its first start: nothing else was sent.
    expect(A.dirtyRateCalcs).toHaveLength(1);
  });

  it('never measures a guest that is not running', async () => {
    guests(2, State.SHUTOFF);
    await newDriver().discover();
    expect(A.dirtyRateCalcs).toEqual([]);
  });
});

describe('a guest our migration is moving', () => {
  it('is neither measured on demand nor by the inventory: its job lock would stall the calculation', async () => {
    const h = harness();
    const spec = h.computeSpec();
    const driver = h.driver();
    await driver.reserveDestination(spec);
    await driver.startMigration(spec);
    await migrationCalled(h.A);
    expect(await driver.measureDirtyRate(VM)).toBeNull();
    await driver.discover();
    expect(h.A.dirtyRateCalcs).toEqual([]);
  });
});
