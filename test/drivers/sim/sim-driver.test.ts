import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/main/base/clock/virtual-clock';
import { buildPreset } from '../../../src/main/drivers/sim/presets';
import { MemoryStateStore } from '../../../src/main/drivers/sim/store';
import { jobSpec, runUntilDone, simulate } from './helpers';

describe('sim driver', () => {
  it('varies host CPU and memory use over time', async () => {
    const { driver, clock } = simulate('demo');
    const samples: number[] = [];
    for (let i = 0; i < 6; i++) {
      samples.push((await driver.metrics()).find((m) => m.hostId === 'DC0_C0_H1')!.cpuUsage);
      await clock.advance(60_000);
    }
    expect(new Set(samples.map((s) => s.toFixed(4))).size).toBeGreaterThan(3);
  });

  it("reports each guest's writable working set with its dirty rate, as the model runs it", async () => {
    const { driver } = simulate('demo');
    const vms = (await driver.discover()).vms;
    const GiB = 1024 ** 3;
    // DC0_C0_H0_VM1: 16 GiB rewriting 2 GiB of it; DC0_C0_H0_VM0 has none set: a quarter of its 8 GiB.
    expect(vms.find((v) => v.id === 'DC0_C0_H0_VM1')?.workingSetBytes).toBe(2 * GiB);
    expect(vms.find((v) => v.id === 'DC0_C0_H0_VM0')?.workingSetBytes).toBe(2 * GiB);
    expect(vms.find((v) => v.id === 'DC0_C0_H0_VM3')?.workingSetBytes).toBe(12 * GiB);
  });

  it('moves a guest to a host with measured overheads as that host does: its fixed time and its pause beyond the last pass', async () => {
    const idleMove = async (overheads?: { fixedMs: number; switchoverMs: number }) => {
      const clock = new VirtualClock();
      const state = buildPreset('tiny', clock.now());
      const dest = state.hosts.find((h) => h.id === 'DC0_C0_H1');
      if (overheads && dest) dest.migrationOverheads = overheads;
      const { driver } = simulate('tiny', { load: () => state, save: () => undefined }, clock);
      const job = jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');
      await driver.startMigration(job);
      return runUntilDone(driver, clock, job.jobId);
    };
    const generic = await idleMove();
    const measured = await idleMove({ fixedMs: 2000, switchoverMs: 90 });
    expect(measured.status).toBe('completed');
    // setupMs (500) and deviceStateMs (15) give way to what was measured; the copy itself is the same.
    expect(measured.elapsedMs - generic.elapsedMs).toBeCloseTo(2000 - 500, 0);
    expect((measured.downtimeMs ?? 0) - (generic.downtimeMs ?? 0)).toBeCloseTo(90 - 15, 6);
    expect((await idleMove({ fixedMs: 500, switchoverMs: 15 })).elapsedMs).toBeCloseTo(generic.elapsedMs, 6);
  });

  it('shares a host link between concurrent migrations', async () => {
    const { driver, clock } = simulate('demo');
    const a = jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');
    await driver.startMigration(a);
    await clock.advance(1000);
    const alone = (await driver.jobProgress(a.jobId)).bandwidthBps;
    expect(alone).toBeCloseTo(10e9 / 8, -3);
    const b = jobSpec('DC0_C0_H0_VM5', 'DC0_C0_H0', 'DC0_C0_H2');
    await driver.startMigration(b);
    await clock.advance(1000);
    expect((await driver.jobProgress(a.jobId)).bandwidthBps).toBeCloseTo(alone / 2, -3);
    expect((await driver.jobProgress(b.jobId)).bandwidthBps).toBeCloseTo(alone / 2, -3);
  });

  it('does not converge the hot demo VM without help, and does with post-copy', async () => {
    const { driver, clock } = simulate('demo');
    const job = jobSpec('DC0_C0_H0_VM3', 'DC0_C0_H0', 'DC0_C0_H1');
    await driver.startMigration(job);
    await clock.advance(10 * 60_000);
    const stuck = await driver.jobProgress(job.jobId);
    expect(stuck.status).toBe('memory');
    expect(stuck.iteration).toBeGreaterThan(20);
    await driver.startPostCopy(job.jobId);
    const done = await runUntilDone(driver, clock, job.jobId);
    expect(done.status).toBe('completed');
    expect(done.downtimeMs).toBeLessThan(100);
  });

  it('restores the datacenter with VMs where the last migrations left them', async () => {
    const store = new MemoryStateStore();
    const first = simulate('demo', store);
    const job = jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');
    await first.driver.startMigration(job);
    await runUntilDone(first.driver, first.clock, job.jobId);
    await first.driver.removeLeftovers(job, 'DC0_C0_H0');
    await first.driver.close();
    const second = simulate('demo', store, first.clock);
    const vm = (await second.driver.discover()).vms.find((v) => v.id === 'DC0_C0_H0_VM0');
    expect(vm?.hostId).toBe('DC0_C0_H1');
    expect(await second.driver.locateVm('DC0_C0_H0_VM0')).toEqual([{ hostId: 'DC0_C0_H1', power: 'running', copy: 'whole' }]);
  });

  it('keeps migrating while the console is away and catches up on restore', async () => {
    const store = new MemoryStateStore();
    const first = simulate('tiny', store);
    const job = jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');
    await first.driver.startMigration(job);
    await first.clock.advance(1000);
    await first.driver.close();
    await first.clock.advance(60_000);
    const second = simulate('tiny', store, first.clock);
    expect((await second.driver.jobProgress(job.jobId)).status).toBe('completed');
    expect((await second.driver.locateVm('DC0_C0_H0_VM0')).map((p) => p.hostId).sort()).toEqual(['DC0_C0_H0', 'DC0_C0_H1']);
  });

  it('storage-only migration moves disks to another datastore while the VM stays', async () => {
    const { driver, clock } = simulate('tiny');
    const job = jobSpec('DC0_C0_H0_VM1', 'DC0_C0_H0', 'DC0_C0_H0', {
      type: 'storage',
      destDatastoreId: 'DC0_C0_DS0',
      bandwidthLimitBps: null,
    });
    await driver.reserveDestination(job);
    await driver.startMigration(job);
    const done = await runUntilDone(driver, clock, job.jobId);
    expect(done.status).toBe('completed');
    expect(done.memoryTotalBytes).toBe(0);
    const vm = (await driver.discover()).vms.find((v) => v.id === 'DC0_C0_H0_VM1')!;
    expect(vm.hostId).toBe('DC0_C0_H0');
    expect(vm.disks.map((d) => d.datastoreId)).toEqual(['DC0_C0_DS0']);
  });

  it('applies downtime changes to a running migration', async () => {
    const { driver } = simulate('tiny');
    const job = jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');
    await driver.startMigration(job);
    await driver.setDowntimeLimit(job.jobId, 900);
    expect((await driver.jobProgress(job.jobId)).downtimeLimitMs).toBe(900);
  });
});
