import { describe, expect, it } from 'vitest';
import type { DriverEvent } from '../../../src/main/drivers/driver';
import { globMatches } from '../../../src/main/drivers/sim/faults';
import { jobSpec, runUntilDone, simulate } from './helpers';

const vm0 = () => jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');

describe('sim fault rules', () => {
  it('matches whole names with * and ? globs', () => {
    expect(globMatches('DC0_C0_*', 'DC0_C0_H0_VM1')).toBe(true);
    expect(globMatches('DC0_C?_H0', 'DC0_C1_H0')).toBe(true);
    expect(globMatches('DC0_C0_H0', 'DC0_C0_H0_VM1')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false);
  });

  it('fails reserving the destination, once', async () => {
    const { driver } = simulate();
    driver.faults.add({ operation: 'destination.reserve', target: 'DC0_C0_H1' });
    await expect(driver.reserveDestination(vm0())).rejects.toMatchObject({ code: 'DESTINATION_FAILED' });
    await expect(driver.reserveDestination(vm0())).resolves.toBeUndefined();
    expect(driver.faults.list()[0]).toMatchObject({ struck: 1, matched: 1 });
  });

  it('honours skip, count, probability and target', async () => {
    const { driver } = simulate();
    driver.faults.add({ operation: 'migration.start', target: 'DC0_C0_H0_VM1', skip: 1, count: 1 });
    driver.faults.add({ operation: 'migration.start', probability: 0, count: null });
    const other = vm0();
    await driver.startMigration(other);
    await driver.cancelMigration(other.jobId);
    const local = jobSpec('DC0_C0_H0_VM1', 'DC0_C0_H0', 'DC0_C0_H1', { type: 'both', destDatastoreId: 'DC0_C0_H1_DS0' });
    await driver.startMigration(local);
    await driver.cancelMigration(local.jobId);
    await expect(driver.startMigration({ ...local, jobId: 'again' })).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    await expect(driver.startMigration({ ...local, jobId: 'third' })).resolves.toBeUndefined();
  });

  it('delays an operation without failing it when fail is false', async () => {
    const { driver, clock } = simulate();
    driver.faults.add({ operation: 'destination.reserve', delayMs: 5000, fail: false });
    let settled = false;
    const reserving = driver.reserveDestination(vm0()).then(() => (settled = true));
    await clock.advance(4000);
    expect(settled).toBe(false);
    await clock.advance(1000);
    await reserving;
    expect(settled).toBe(true);
  });

  it.each([
    ['storage.copy', 'STORAGE_COPY_FAILED'],
    ['memory.copy', 'MEMORY_COPY_FAILED'],
    ['link.cut', 'LINK_DOWN'],
    ['switchover', 'SWITCHOVER_FAILED'],
  ] as const)('%s fails the job and leaves the VM running on its source', async (operation, code) => {
    const { driver, clock } = simulate();
    driver.faults.add({ operation, delayMs: 1000 });
    const job = jobSpec('DC0_C0_H0_VM1', 'DC0_C0_H0', 'DC0_C0_H1', { type: 'both', destDatastoreId: 'DC0_C0_H1_DS0' });
    await driver.reserveDestination(job);
    await driver.startMigration(job);
    const done = await runUntilDone(driver, clock, job.jobId);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe(code);
    expect(done.switchedOver).toBe(false);
    expect(await driver.locateVm('DC0_C0_H0_VM1')).toEqual([{ hostId: 'DC0_C0_H0', power: 'running', copy: 'whole' }]);
    const vm = (await driver.discover()).vms.find((v) => v.id === 'DC0_C0_H0_VM1')!;
    expect(vm.disks[0]?.datastoreId).toBe('DC0_C0_H0_DS0');
  });

  it('guest.crash: the hypervisor says completed but the guest is dead; the paused source can take over', async () => {
    const { driver, clock } = simulate();
    driver.faults.add({ operation: 'guest.crash' });
    const job = vm0();
    const bootId = (await driver.probeVm(job.vmId, 'DC0_C0_H0')).bootId;
    await driver.startMigration(job);
    expect((await runUntilDone(driver, clock, job.jobId)).status).toBe('completed');
    expect((await driver.probeVm(job.vmId, 'DC0_C0_H1')).alive).toBe(false);
    expect(await driver.locateVm(job.vmId)).toEqual([
      { hostId: 'DC0_C0_H1', power: 'running', copy: 'whole' },
      { hostId: 'DC0_C0_H0', power: 'paused', copy: 'migrating' },
    ]);
    await driver.removeLeftovers(job, 'DC0_C0_H1');
    await driver.resumeVm(job.vmId, 'DC0_C0_H0');
    expect(await driver.locateVm(job.vmId)).toEqual([{ hostId: 'DC0_C0_H0', power: 'running', copy: 'whole' }]);
    expect(await driver.probeVm(job.vmId, 'DC0_C0_H0')).toMatchObject({ alive: true, bootId });
  });

  it('probe faults make the probe fail with a typed error', async () => {
    const { driver } = simulate();
    driver.faults.add({ operation: 'probe', target: 'DC0_C0_H0_VM0' });
    await expect(driver.probeVm('DC0_C0_H0_VM0', 'DC0_C0_H0')).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
  });

  it('host.degrade and host.fail happen after their delay, with events; a failed host stops its guests', async () => {
    const { driver, clock } = simulate();
    const events: DriverEvent[] = [];
    driver.subscribe((e) => e.kind === 'host-health' && events.push(e));
    driver.faults.add({ operation: 'host.degrade', target: 'DC0_C0_H1', delayMs: 10_000 });
    driver.faults.add({ operation: 'host.fail', target: 'DC0_C0_H0', delayMs: 20_000 });
    const job = vm0();
    await driver.startMigration({ ...job, bandwidthLimitBps: 1024 * 1024 });
    await clock.advance(10_000);
    expect(events).toEqual([{ kind: 'host-health', hostId: 'DC0_C0_H1', health: 'degraded' }]);
    await clock.advance(10_000);
    expect(events.at(-1)).toEqual({ kind: 'host-health', hostId: 'DC0_C0_H0', health: 'failed' });
    const metrics = await driver.metrics();
    expect(metrics.find((m) => m.hostId === 'DC0_C0_H0')).toMatchObject({ health: 'failed', connection: 'disconnected' });
    expect((await driver.jobProgress(job.jobId)).status).toBe('failed');
    expect((await driver.discover()).vms.filter((v) => v.hostId === 'DC0_C0_H0').every((v) => v.power === 'off')).toBe(true);
  });

  it('rules can be listed, removed and cleared at run time', () => {
    const { driver } = simulate();
    const a = driver.faults.add({ operation: 'switchover' });
    driver.faults.add({ operation: 'commit' });
    expect(driver.faults.list().map((r) => r.operation)).toEqual(['switchover', 'commit']);
    driver.faults.remove(a.id);
    expect(driver.faults.list().map((r) => r.operation)).toEqual(['commit']);
    driver.faults.clear();
    expect(driver.faults.list()).toEqual([]);
    expect(() => driver.faults.add({ operation: 'nope' as never })).toThrow();
  });
});
