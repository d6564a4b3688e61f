// The stall guard ("nothing was transferred for N s") judges the copy only. While the hypervisor
// prepares the destination or switches the guest over, nothing moves by design: the lab showed
// libvirt's job sitting at "memory, 0 remaining" for seconds (longer on a loaded host) between the
// last pass and the call's return, and an abort there took a healthy switchover for a stalled copy.

import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src/main/drivers/driver';
import { useServices } from '../helpers/services';
import { expectSettled, openWorld, request, untilFinished, type World } from './harness';

const vm0 = 'DC0_C0_H0_VM0';
const GiB = 1024 ** 3;

/** Counts the aborts the engine asks the hypervisor for; `takesEffect: false` lets the job go on regardless. */
function countAborts(world: World, { takesEffect = true } = {}): { count: number } {
  const aborts = { count: 0 };
  const cancel = world.sim.cancelMigration.bind(world.sim);
  world.sim.cancelMigration = async (jobId) => {
    aborts.count += 1;
    if (takesEffect) await cancel(jobId);
  };
  return aborts;
}

/** Records each host Ferry removes the guest's leftovers from, with the job's status at that moment. */
function recordRemovals(world: World, status: () => Promise<string>): string[] {
  const seen: string[] = [];
  const remove = world.sim.removeLeftovers.bind(world.sim);
  world.sim.removeLeftovers = async (spec, hostId) => {
    seen.push(`${hostId}: ${await status()}`);
    return remove(spec, hostId);
  };
  return seen;
}

/**
 * Shows the sim's job as `shown` (made from the last sample shown) for `holdMs` once `from` first
 * holds: the news of a busy libvirt arrives late, the migration itself goes on underneath.
 * `holding()` says whether the news is held now.
 */
function holdProgress(
  world: World,
  from: (p: JobProgress) => boolean,
  shown: (last: JobProgress) => JobProgress,
  holdMs: number,
): { holding(): boolean } {
  const progress = world.sim.jobProgress.bind(world.sim);
  let held: { since: number; shown: JobProgress } | null = null;
  let last: JobProgress | null = null;
  const holding = (): boolean => held !== null && world.clock.now() - held.since < holdMs;
  world.sim.jobProgress = async (jobId) => {
    const p = await progress(jobId);
    if (!held && from(p)) held = { since: world.clock.now(), shown: shown(last ?? p) };
    last = held && holding() ? held.shown : p;
    return last;
  };
  return { holding };
}

/**
 * A job of the hypervisor's that the sim never runs: `at(elapsed)` says how it stands until an
 * abort takes effect, `abortTakesMs` after it was asked for (libvirt's takes a moment).
 */
function scriptedJob(world: World, at: (elapsedMs: number) => Partial<JobProgress>, abortTakesMs = 0): { status(): Promise<string> } {
  let startedAt = 0;
  let abortedAt: number | null = null;
  world.sim.startMigration = async () => void (startedAt = world.clock.now());
  world.sim.cancelMigration = async () => void (abortedAt ??= world.clock.now());
  world.sim.jobProgress = async () => {
    const elapsedMs = world.clock.now() - startedAt;
    const aborted = abortedAt !== null && world.clock.now() - abortedAt >= abortTakesMs;
    return { ...idle, elapsedMs, ...at(elapsedMs), ...(aborted ? { status: 'cancelled' as const } : {}) };
  };
  return { status: async () => (await world.sim.jobProgress('')).status };
}

/** Journal notes of a stall the engine thought it saw (the sim shows the guest moved on, so it goes on). */
const stallNotes = (world: World, taskId: string): string[] =>
  world.services.board
    .journalOf(taskId)
    .map((entry) => entry.note ?? '')
    .filter((note) => note.includes('PROGRESS_TIMEOUT'));

const preparing = (p: JobProgress): JobProgress => ({
  ...p,
  status: 'setup',
  iteration: 0,
  memoryTotalBytes: 0,
  memoryProcessedBytes: 0,
  memoryRemainingBytes: 0,
  switchedOver: false,
});
const copied = (p: JobProgress): JobProgress => ({ ...p, status: 'memory', memoryRemainingBytes: 0, switchedOver: false });

describe('the stall guard judges the copy, not the hypervisor preparing or switching over', () => {
  const start = useServices();

  async function move(world: World) {
    const [task] = world.services.engine.request(request({ vmIds: [vm0] }), { requestedBy: 'alice' });
    if (!task) throw new Error('no task');
    return untilFinished(world, task.id);
  }

  it('waits out a switchover that takes longer than the progress timeout once the copy has sent everything, never aborting it', async () => {
    const world = await openWorld(start);
    const aborts = countAborts(world);
    holdProgress(world, (p) => p.switchedOver, copied, 45_000);
    const done = await move(world);
    expect(aborts.count).toBe(0);
    expect(stallNotes(world, done.id)).toEqual([]);
    expect(done.error).toBeNull();
    expect(done.state).toBe('completed');
    await expectSettled(world, vm0, 'DC0_C0_H1');
  });

  it('waits out a destination that takes longer than the progress timeout to prepare, never aborting it', async () => {
    const world = await openWorld(start);
    const aborts = countAborts(world);
    holdProgress(world, () => true, preparing, 45_000);
    const done = await move(world);
    expect(aborts.count).toBe(0);
    expect(stallNotes(world, done.id)).toEqual([]);
    expect(done.error).toBeNull();
    expect(done.state).toBe('completed');
    await expectSettled(world, vm0, 'DC0_C0_H1');
  });

  it('still gives up on a copy that stops moving with memory left to send, and the VM runs on at its source', async () => {
    const world = await openWorld(start);
    // 1 GiB sent in the first 10 s, then nothing more of the 4.
    scriptedJob(world, (ms) => {
      const sent = Math.min(ms, 10_000) * (GiB / 10_000);
      return {
        status: 'memory',
        iteration: 1,
        memoryTotalBytes: 4 * GiB,
        memoryProcessedBytes: sent,
        memoryRemainingBytes: 4 * GiB - sent,
      };
    });
    const done = await move(world);
    expect(done.error?.code).toBe('PROGRESS_TIMEOUT');
    expect(done.error?.message).toBe('nothing was transferred for 30 s');
    expect(done.state).toBe('aborted');
    await expectSettled(world, vm0, 'DC0_C0_H0');
  });

  it('judges what the destination holds only once an abort has taken effect, however long libvirt takes to end the job', async () => {
    const world = await openWorld(start);
    const job = scriptedJob(
      world,
      () => ({ status: 'memory', iteration: 1, memoryTotalBytes: 4 * GiB, memoryRemainingBytes: GiB }),
      1_200_000,
    );
    const removals = recordRemovals(world, () => job.status());
    const done = await move(world);
    expect(done.error?.code).toBe('PROGRESS_TIMEOUT');
    expect(removals).toEqual(['DC0_C0_H1: cancelled']);
    await expectSettled(world, vm0, 'DC0_C0_H0');
  });

  it('goes on to the destination when libvirt completes the move Ferry gave up on (an abort that came too late)', async () => {
    const world = await openWorld(start);
    // Ferry sees the copy stop short of the end for 40 s; underneath, the sim completes the move,
    // and the abort arrives too late to take effect (libvirt's, caught in its switchover).
    const hold = holdProgress(
      world,
      (p) => p.status === 'memory' && p.memoryProcessedBytes > 0 && p.memoryRemainingBytes > 0,
      (last) => last,
      40_000,
    );
    // Meanwhile the hosts answer as before the switchover: the guest runs whole on its source.
    const locate = world.sim.locateVm.bind(world.sim);
    world.sim.locateVm = async (vmId) => (hold.holding() ? [{ hostId: 'DC0_C0_H0', power: 'running', copy: 'whole' }] : locate(vmId));
    const aborts = countAborts(world, { takesEffect: false });
    const removals = recordRemovals(world, async () => 'any');
    const done = await move(world);
    expect(aborts.count).toBe(1);
    expect(removals).toEqual(['DC0_C0_H0: any']);
    expect(done.state).toMatch(/^completed/);
    await expectSettled(world, vm0, 'DC0_C0_H1');
  });

  it('gives up on a switchover that never finishes, after three times the progress timeout, and the VM runs on at its source', async () => {
    const world = await openWorld(start);
    scriptedJob(world, () => ({ status: 'memory', iteration: 3, memoryTotalBytes: 4 * GiB, memoryProcessedBytes: 4 * GiB }));
    const started = world.clock.now();
    const done = await move(world);
    expect(done.error?.code).toBe('PROGRESS_TIMEOUT');
    expect(done.error?.message).toBe('the switchover did not finish within 90 s');
    expect(world.clock.now() - started).toBeGreaterThanOrEqual(90_000);
    await expectSettled(world, vm0, 'DC0_C0_H0');
  });

  it('gives up on a destination that never gets ready, after ten times the progress timeout, and the VM runs on at its source', async () => {
    const world = await openWorld(start);
    scriptedJob(world, () => ({ status: 'setup' }));
    const started = world.clock.now();
    const done = await move(world);
    expect(done.error?.code).toBe('PROGRESS_TIMEOUT');
    expect(done.error?.message).toBe('the hypervisor did not start copying within 300 s');
    expect(world.clock.now() - started).toBeGreaterThanOrEqual(300_000);
    await expectSettled(world, vm0, 'DC0_C0_H0');
  });
});

const idle: JobProgress = {
  status: 'setup',
  elapsedMs: 0,
  memoryTotalBytes: 0,
  memoryProcessedBytes: 0,
  memoryRemainingBytes: 0,
  dirtyRateBps: 0,
  iteration: 0,
  bandwidthBps: 0,
  expectedDowntimeMs: null,
  diskTotalBytes: 0,
  diskProcessedBytes: 0,
  diskRemainingBytes: 0,
  downtimeMs: null,
  observedDowntimeMs: null,
  downtimeLimitMs: 300,
  throttlePercent: 0,
  switchedOver: false,
  error: null,
};
