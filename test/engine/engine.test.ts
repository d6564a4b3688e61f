import { describe, expect, it } from 'vitest';
import { FerryError } from '../../src/shared/api';
import type { Task } from '../../src/shared/model/migration';
import { useServices, dbOf } from '../helpers/services';
import { openWorld, request, untilFinished, untilPhase } from './harness';
import { whereOf } from '../../src/main/store/audit/audit-query';

const slow = {
  bandwidthLimitBps: 64 * 1024 ** 2,
  convergence: {
    maxDowntimeMs: 300,
    downtimeRampMaxMs: 1000,
    autoConverge: true,
    allowPostCopy: true,
    completionTimeoutSecPerGiB: 600,
    progressTimeoutSec: 30,
  },
};

function rejection(fn: () => unknown): FerryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('expected a FerryError');
}

describe('migration engine', () => {
  const start = useServices();

  it('refuses a request that prechecks block, creating nothing', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const error = rejection(() =>
      world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0', 'DC0_C0_H1_VM5'], destHostId: 'DC0_C0_H2' }), { requestedBy: 'a' }),
    );
    expect(error.code).toBe('PRECHECK_FAILED');
    expect(JSON.stringify(error.details)).toContain('DEVICE_NOT_MIGRATABLE');
    expect(dbOf(world.services).prepare('SELECT COUNT(*) AS n FROM tasks').get()).toEqual({ n: 0 });
    expect(dbOf(world.services).prepare('SELECT COUNT(*) AS n FROM audit').get()).toEqual({ n: 0 });
  });

  it('needs warnings acknowledged, then queues', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const hot = request({ vmIds: ['DC0_C0_H0_VM3'] });
    expect(rejection(() => world.services.engine.request(hot, { requestedBy: 'a' })).code).toBe('WARNINGS_NOT_ACKNOWLEDGED');
    const [task] = world.services.engine.request({ ...hot, acknowledgedWarnings: ['WILL_NOT_CONVERGE'] }, { requestedBy: 'a' });
    expect(task?.state).toMatch(/queued|running/);
  });

  it('allows one migration per VM at a time', async () => {
    const world = await openWorld(start);
    world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'], options: slow }), { requestedBy: 'a' });
    expect(rejection(() => world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'] }), { requestedBy: 'b' })).code).toBe(
      'MIGRATION_IN_PROGRESS',
    );
  });

  it('returns at once with queued tasks, one per VM, sharing a batch', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const tasks = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM5'], destHostId: 'DC0_C0_H3' }), {
      requestedBy: 'a',
    });
    expect(tasks).toHaveLength(2);
    expect(new Set(tasks.map((t) => t.batchId)).size).toBe(1);
    expect(tasks.every((t) => t.prediction !== null && t.phase === 'queued')).toBe(true);
    for (const t of tasks) expect((await untilFinished(world, t.id)).state).toBe('completed');
    // Each move's start and outcome name the batch (a maintenance's operation): its trail shows how they went (review2 F11).
    const { sql, params } = whereOf({ operation: tasks[0]!.batchId! });
    const named = dbOf(world.services)
      .prepare(`SELECT action FROM audit ${sql}`)
      .all(...params) as { action: string }[];
    expect(named.filter((r) => r.action === 'migration.started')).toHaveLength(2);
    expect(named.filter((r) => r.action === 'migration.finished')).toHaveLength(2);
  });

  it('a batch with a VM sent to its own destination queues under one batch id, which every record of each move names (review m2)', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const toH3 = request({ vmIds: ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM5'], destHostId: 'DC0_C0_H3' });
    const own = request({ vmIds: ['DC0_C0_H0_VM1'], destHostId: 'DC0_C0_H2' });
    const tasks = world.services.engine.requestBatch([toH3, own], { requestedBy: 'a' });
    expect(tasks).toHaveLength(3);
    const batchId = tasks[0]!.batchId;
    expect(batchId).not.toBeNull();
    expect(tasks.every((t) => t.batchId === batchId)).toBe(true);
    for (const t of tasks) expect((await untilFinished(world, t.id)).state).toBe('completed');
    const { sql, params } = whereOf({ text: batchId! });
    const named = dbOf(world.services)
      .prepare(`SELECT action FROM audit ${sql} AND vm_id = 'DC0_C0_H0_VM1'`)
      .all(...params) as { action: string }[];
    expect(named.map((r) => r.action).sort()).toEqual(['migration.finished', 'migration.requested', 'migration.started']);
  });

  it('queues a batch’s mission-critical VMs first, whichever destination they go to (review 10)', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const vm1 = world.services.inventory.vm('DC0_C0_H0_VM1');
    world.services.vmAttributes.set('DC0_C0_H0_VM1', { missionCritical: true, tags: vm1?.tags ?? [] }, 'alice');
    const toH3 = request({ vmIds: ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM5'], destHostId: 'DC0_C0_H3' });
    const own = request({ vmIds: ['DC0_C0_H0_VM1'], destHostId: 'DC0_C0_H2' });
    const tasks = world.services.engine.requestBatch([toH3, own], { requestedBy: 'a' });
    expect(tasks.map((t) => t.vmId)).toEqual(['DC0_C0_H0_VM1', 'DC0_C0_H0_VM0', 'DC0_C0_H0_VM5']);
  });

  it('queues nothing of a batch when one of its destinations is refused', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const ok = request({ vmIds: ['DC0_C0_H0_VM0'], destHostId: 'DC0_C0_H3' });
    const refused = request({ vmIds: ['DC0_C0_H1_VM5'], destHostId: 'DC0_C0_H2' });
    expect(rejection(() => world.services.engine.requestBatch([ok, refused], { requestedBy: 'a' })).code).toBe('PRECHECK_FAILED');
    expect(dbOf(world.services).prepare('SELECT COUNT(*) AS n FROM tasks').get()).toEqual({ n: 0 });
  });

  it('cancels a queued migration at once, and refuses to cancel after the switchover', async () => {
    const world = await openWorld(start, { faults: [{ operation: 'commit', delayMs: 10_000, fail: false }] });
    const [task] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'] }), { requestedBy: 'a' });
    await untilPhase(world, task!.id, 'commit');
    const refused = rejection(() => world.services.engine.cancel(task!.id, 'a'));
    expect(refused.code).toBe('CANCEL_REFUSED');
    expect(refused.message).toMatch(/switched over/);
    const done = await untilFinished(world, task!.id);
    expect(done.state).toBe('completed');
    expect(rejection(() => world.services.engine.cancel(task!.id, 'a')).code).toBe('CANCEL_REFUSED');
  });

  it('publishes progress at most 10 times a second per task, never running backwards, with a per-iteration timeline', async () => {
    const world = await openWorld(start);
    const seen: { at: number; task: Task }[] = [];
    world.services.hub.subscribe((name, payload) => {
      if (name === 'tasks.changed') for (const task of (payload as { tasks: Task[] }).tasks) seen.push({ at: world.clock.now(), task });
    });
    const [task] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'], options: slow }), { requestedBy: 'a' });
    const done = await untilFinished(world, task!.id);
    const mine = seen.filter((s) => s.task.id === task!.id);
    expect(mine.length).toBeGreaterThan(10);
    const perSecond = new Map<number, number>();
    for (const s of mine) perSecond.set(Math.floor(s.at / 1000), (perSecond.get(Math.floor(s.at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(10);
    for (let i = 1; i < mine.length; i++)
      expect(mine[i]!.task.progress.fraction).toBeGreaterThanOrEqual(mine[i - 1]!.task.progress.fraction);
    expect(done.progress.fraction).toBe(1);
    const timeline = world.services.board.timelineOf(task!.id);
    expect(timeline.length).toBeGreaterThanOrEqual(2);
    expect(timeline.map((p) => p.iteration)).toEqual([...timeline.map((p) => p.iteration)].sort((a, b) => a - b));
    expect(done.prediction?.durationMs).toBeGreaterThan(0);
    expect(done.outcome?.durationMs).toBeGreaterThan(0);
    // The downtime the guest's users saw is kept with the outcome (the sim's guest is silent for its modelled downtime).
    expect(done.outcome?.observedDowntimeMs).toBeGreaterThan(0);
    expect(done.outcome?.observedDowntimeMs).toBe(done.progress.downtimeMs);
  });

  it('rolls back a scheduled migration that has not switched over when its window closes', async () => {
    const world = await openWorld(start);
    const windowEndsAt = new Date(world.clock.now() + 5000).toISOString();
    const [task] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'], options: slow }), {
      requestedBy: 'scheduler on behalf of a',
      windowEndsAt,
    });
    const done = await untilFinished(world, task!.id);
    expect(done.state).toBe('aborted');
    expect(done.error?.code).toBe('WINDOW_CLOSED');
  });

  it('ends the queued migrations of a host that leaves Ferry, and refuses while one of its migrations runs', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const { engine } = world.services;
    // Two high-priority moves take all of DC0_C0_H0's migration link: the third waits in the queue.
    for (const vm of ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM1'])
      engine.request(request({ vmIds: [vm], priority: 'high', options: slow }), { requestedBy: 'alice' });
    const [queued] = engine.request(request({ vmIds: ['DC0_C0_H0_VM5'], destHostId: 'DC0_C0_H2' }), { requestedBy: 'alice' });
    expect(world.services.board.get(queued!.id)).toMatchObject({
      state: 'queued',
      waitingFor: expect.objectContaining({ kind: 'network' }),
    });

    expect(rejection(() => engine.releaseHost('DC0_C0_H1', 'bob')).code).toBe('CONFLICT');
    engine.releaseHost('DC0_C0_H2', 'bob');
    expect(world.services.board.get(queued!.id)).toMatchObject({ state: 'aborted', error: expect.objectContaining({ code: 'CANCELLED' }) });
    // No phantom lock: the VM can be moved again at once.
    expect(world.services.board.activeForVm('DC0_C0_H0_VM5')).toBeUndefined();
    expect(
      dbOf(world.services).prepare("SELECT COUNT(*) AS n FROM audit WHERE task_id = ? AND action = 'migration.finished'").get(queued!.id),
    ).toEqual({ n: 1 });
  });

  it('gives a queued migration whose window closed up before it starts', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    // Two high-priority moves reserve half of DC0_C0_H0's link each: the next one must wait.
    world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM5'], priority: 'high', options: slow }), {
      requestedBy: 'a',
    });
    const windowEndsAt = new Date(world.clock.now() + 3000).toISOString();
    const [late] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM1'] }), {
      requestedBy: 'scheduler on behalf of a',
      windowEndsAt,
    });
    expect(world.services.board.get(late!.id)?.waitingFor).toMatchObject({ kind: 'network', resourceId: 'net:DC0_C0_H0' });
    const done = await untilFinished(world, late!.id);
    expect(done.error?.code).toBe('WINDOW_CLOSED');
    expect(done.startedAt).toBeNull();
  });
});
