import { describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../src/main/base/clock/scaled-clock';
import { VirtualClock } from '../../../src/main/base/clock/virtual-clock';
import { SimDriver } from '../../../src/main/drivers/sim/sim-driver';
import { MemoryStateStore } from '../../../src/main/drivers/sim/store';
import { maxFinishedSimJobs } from '../../../src/main/drivers/sim/sim-world';
import { jobSpec, runUntilDone, simulate } from './helpers';

describe('the simulated datacenter at --sim-speed above 1, across a restart', () => {
  it('goes on where it stopped instead of freezing until the wall clock catches up', async () => {
    const wall = new VirtualClock(Date.parse('2026-06-01T12:00:00Z'));
    const store = new MemoryStateStore();
    // The last session ran 10 minutes at 60x: its datacenter is 10 hours on.
    const first = new SimDriver({ clock: new ScaledClock(wall, 60), preset: 'tiny', store });
    await wall.advance(10 * 60_000);
    await first.discover();
    await first.close();

    const clock = new ScaledClock(wall, 60);
    const second = new SimDriver({ clock, preset: 'tiny', store });
    const job = jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');
    await second.startMigration(job);
    await wall.advance(5_000);
    const progress = await second.jobProgress(job.jobId);
    expect(progress.status).toBe('completed');
    expect(progress.memoryProcessedBytes).toBeGreaterThan(0);
    await second.close();
  });
});

describe('the simulated datacenter over a long run', () => {
  it('keeps a bounded list of finished migration jobs', async () => {
    const store = new MemoryStateStore();
    const { driver, clock } = simulate('tiny', store);
    const hosts = ['DC0_C0_H0', 'DC0_C0_H1'] as const;
    for (let i = 0; i < 260; i++) {
      const job = jobSpec('DC0_C0_H0_VM0', hosts[i % 2]!, hosts[(i + 1) % 2]!);
      await driver.startMigration(job);
      expect((await runUntilDone(driver, clock, job.jobId)).status).toBe('completed');
      await driver.removeLeftovers(job, hosts[i % 2]!);
    }
    await driver.close();
    expect(store.load()?.jobs.length).toBeLessThanOrEqual(maxFinishedSimJobs);
  });
});
