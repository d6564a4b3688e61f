// The link speed learned from completed migrations: which runs teach it (completed, alone on their
// hosts, unlimited), the median that makes it robust, and the engine using it in its predictions.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { achievedBandwidth, achievedOverheads, LinkSpeeds, median, overlapped } from '../../src/main/engine/planning/link-speeds';
import { openDatabase } from '../../src/main/store/database';
import { LinkSpeedRepository } from '../../src/main/store/link-speeds';
import { migrations } from '../../src/main/store/schema';
import { defaultConvergencePolicy, type Task, type TimelinePoint } from '../../src/shared/model/migration';
import { useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';
import { openWorld, request, untilFinished } from './harness';

const MiB = 1024 ** 2;
const point = (bandwidthBps: number, phase: TimelinePoint['phase'] = 'memory'): TimelinePoint => ({
  atMs: 0,
  phase,
  iteration: 1,
  memoryRemainingBytes: 0,
  diskRemainingBytes: 0,
  dirtyRateBps: 0,
  bandwidthBps,
  throttlePercent: 0,
  downtimeLimitMs: 300,
});
const task = (overrides: Partial<Task> = {}): Task =>
  ({
    id: 't1',
    vmName: 'vm',
    type: 'compute',
    cold: false,
    state: 'completed',
    sourceHostId: 'h1',
    destHostId: 'h2',
    options: { bandwidthLimitBps: null },
    progress: { bandwidthBps: 100 * MiB },
    startedAt: '2026-11-26T04:00:00.000Z',
    finishedAt: '2026-11-26T04:01:00.000Z',
    ...overrides,
  }) as Task;

describe('what a finished migration teaches', () => {
  it('takes the median of the bandwidth reported per memory pass and at the end', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(achievedBandwidth(task(), [point(90 * MiB), point(110 * MiB), point(5 * MiB, 'storage'), point(0)])).toBe(100 * MiB);
  });

  it('learns nothing from a failed, storage-only, cold or bandwidth-limited move, or one with no figures', () => {
    expect(achievedBandwidth(task({ state: 'aborted' }), [])).toBeNull();
    expect(achievedBandwidth(task({ type: 'storage' }), [])).toBeNull();
    expect(achievedBandwidth(task({ cold: true }), [])).toBeNull();
    expect(achievedBandwidth(task({ options: { bandwidthLimitBps: MiB } as Task['options'] }), [])).toBeNull();
    expect(achievedBandwidth(task({ progress: { bandwidthBps: 0 } as Task['progress'] }), [])).toBeNull();
  });

  it("keeps what the move cost besides the model's copy at the bandwidth it achieved, and its downtime beyond the model's last pass", () => {
    const outcome = { durationMs: 4_000, downtimeMs: 300, transferredBytes: 20 * MiB } as Task['outcome'];
    const moved = (memoryTotalBytes: number, dirtyRateBps: number, done = outcome) =>
      task({
        outcome: done,
        options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy } as Task['options'],
        progress: { bandwidthBps: 100 * MiB, memoryTotalBytes, diskTotalBytes: 0 } as Task['progress'],
        prediction: { basis: { dirtyRateBps } } as Task['prediction'],
      });
    // An idle 200 MiB guest sent only 20 MiB, yet the model copies 200 MiB at 100 MiB/s (2 s): 2 s
    // besides it, so the next prediction (model + 2 s) is the 4 s this one took.
    expect(achievedOverheads(moved(200 * MiB, 0), 100 * MiB)).toEqual({ fixedMs: 2_000, switchoverMs: 300 });
    // A busy guest: the model's later passes and its last pass are its own, not overheads.
    const busy = achievedOverheads(moved(200 * MiB, 10 * MiB), 100 * MiB);
    expect(busy.fixedMs!).toBeLessThan(2_000);
    expect(busy.switchoverMs!).toBeLessThan(300);
    expect(achievedOverheads(moved(200 * MiB, 0, { ...outcome!, downtimeMs: null }), 100 * MiB).switchoverMs).toBeNull();
    // Faster than the model at its own bandwidth: never a negative cost.
    expect(achievedOverheads(moved(200 * MiB, 0, { ...outcome!, durationMs: 1_000 }), 100 * MiB).fixedMs).toBe(0);
  });

  it('knows a migration that shared a host with another one while it ran', () => {
    const other = (startedAt: string, finishedAt: string | null, sourceHostId = 'h3') =>
      task({ id: 'o', sourceHostId, destHostId: 'h2', startedAt, finishedAt });
    expect(overlapped(task(), [other('2026-11-26T04:00:30.000Z', '2026-11-26T04:02:00.000Z')])).toBe(true);
    expect(overlapped(task(), [other('2026-11-26T04:00:30.000Z', null)])).toBe(true);
    expect(overlapped(task(), [other('2026-11-26T03:00:00.000Z', '2026-11-26T03:30:00.000Z')])).toBe(false);
    expect(overlapped(task(), [task({ id: 'o', sourceHostId: 'h5', destHostId: 'h6' })])).toBe(false);
  });
});

describe('LinkSpeeds', () => {
  const tempDir = useTempDirs();

  it("estimates each direction by the median of its recent samples, and lists a host's links", () => {
    const links = new LinkSpeeds(new LinkSpeedRepository(openDatabase(join(tempDir(), 'ferry.db'), migrations)));
    expect(links.estimate('h1', 'h2')).toBeNull();
    for (const [id, bps] of [
      ['a', 100],
      ['b', 10],
      ['c', 120],
    ] as const)
      links.learn(task({ id, progress: { bandwidthBps: bps * MiB } as Task['progress'] }), [], false);
    links.learn(task({ id: 'shared', progress: { bandwidthBps: MiB } as Task['progress'] }), [], true);
    const learned = { bytesPerSecond: 100 * MiB, samples: 3, lastAt: '2026-11-26T04:01:00.000Z', fixedMs: null, switchoverMs: null };
    expect(links.estimate('h1', 'h2')).toEqual(learned);
    expect(links.estimate('h2', 'h1')).toBeNull();
    expect(links.ofHost('h2')).toEqual([{ sourceHostId: 'h1', destHostId: 'h2', ...learned }]);
  });

  it('medians the overheads of the samples that have them (rows from before schema 015 have none)', () => {
    const links = new LinkSpeeds(new LinkSpeedRepository(openDatabase(join(tempDir(), 'ferry.db'), migrations)));
    const moved = (id: string, durationMs: number, downtimeMs: number | null) =>
      links.learn(
        task({
          id,
          outcome: { durationMs, downtimeMs, transferredBytes: 10 * MiB } as Task['outcome'],
          options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy } as Task['options'],
          progress: { bandwidthBps: 100 * MiB, memoryTotalBytes: 100 * MiB, diskTotalBytes: 0 } as Task['progress'],
        }),
        [],
        false,
      );
    links.learn(task({ id: 'old' }), [], false);
    moved('a', 3_000, 300);
    moved('b', 5_000, null);
    moved('c', 4_000, 200);
    // The model copies 100 MiB at 100 MiB/s (1 s): besides it 2, 4 and 3 s; switchovers 300 and 200 ms.
    expect(links.estimate('h1', 'h2')).toMatchObject({ samples: 4, fixedMs: 3_000, switchoverMs: 250 });
  });
});

describe('the engine learns the link from its migrations', () => {
  const start = useServices();

  it('predicts the next move between the same hosts from the speed the last one achieved', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const move = { destHostId: 'DC0_C0_H1', type: 'compute' as const, destDatastoreId: null, options: request({ vmIds: [] }).options };
    const [before] = await world.services.engine.predict({ ...move, vmIds: ['DC0_C0_H0_VM1'] });
    expect(before?.prediction.basis).toMatchObject({ linkSource: 'configured', dirtyRateSource: 'reported' });

    const [first] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'] }), { requestedBy: 'a' });
    const done = await untilFinished(world, first!.id);
    expect(done.state).toBe('completed');

    const [after] = await world.services.engine.predict({ ...move, vmIds: ['DC0_C0_H0_VM1'] });
    expect(after?.prediction.basis).toMatchObject({ linkSource: 'learned', linkSamples: 1 });
    expect(after?.prediction.basis?.linkBps).toBe(world.services.links.estimate('DC0_C0_H0', 'DC0_C0_H1')?.bytesPerSecond);
    expect(after?.prediction.basis?.linkBps).toBeGreaterThan(0);
  });
});
