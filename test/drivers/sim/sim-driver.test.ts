import { describe, expect, it } from 'vitest';
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
