import { describe, expect, it } from 'vitest';
import { whereOf } from '../../src/main/store/audit/audit-query';
import type { AuditAction } from '../../src/shared/model/audit';
import { auditOperationOf } from '../../src/shared/model/audit-operation';
import { dbOf, useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H0 = 'DC0_C0_H0';
const settle = (world: World, limitMs = 3600_000) =>
  world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, limitMs, 500);
const heldReservation = { operation: 'destination.reserve', target: 'DC0_C0_H0_VM1', delayMs: 600_000, fail: false } as const;

interface Row {
  id: number;
  action: string;
  task_id: string | null;
}

/** Enters shared-nothing maintenance of H0, leaves mid-way (VM1 is cancelled), then moves back what moved. */
async function leftThenFailedBack(world: World) {
  const m = world.services;
  const operationId = m.maintenance.enter(H0, 'root', { withLocalDisks: true, poweredOff: false }).operationId as string;
  const evacuation = m.engine.tasks().map((t) => t.id);
  await world.clock.advanceUntil(() => m.maintenance.progress(H0).moved > 0, 900_000, 250);
  expect(m.maintenance.exit(H0, 'root').exitReport?.cancelled).toContain('DC0_C0_H0_VM1');
  await settle(world);
  m.maintenance.failback(H0, 'root');
  const failback = m.engine.tasks().map((t) => t.id);
  expect(failback.length).toBeGreaterThan(0);
  await settle(world);
  return { operationId, evacuation, failback, taskIds: [...evacuation, ...failback] };
}

describe("a maintenance's audit trail (new-user review, m1)", () => {
  const start = useServices();

  it('searching the operation id finds every record of its moves and of its failback, cancels included', async () => {
    const world = await openWorld(start, { preset: 'demo', faults: [heldReservation] });
    const { operationId, taskIds } = await leftThenFailedBack(world);
    const db = dbOf(world.services);
    const all = db.prepare('SELECT id, action, task_id FROM audit ORDER BY id').all() as Row[];
    const ofMoves = all.filter((r) => r.task_id !== null && taskIds.includes(r.task_id));
    expect(ofMoves.map((r) => r.action)).toEqual(expect.arrayContaining(['migration.cancel-requested', 'migration.started']));
    const { sql, params } = whereOf({ text: operationId });
    const found = new Set((db.prepare(`SELECT id FROM audit ${sql}`).all(...params) as Row[]).map((r) => r.id));
    expect(ofMoves.filter((r) => !found.has(r.id)).map((r) => `${r.action} ${r.task_id}`)).toEqual([]);
    expect(all.filter((r) => r.action.startsWith('maintenance.') && !found.has(r.id))).toEqual([]);
  });

  it('links each record of the maintenance and of its failback to the maintenance, as the part it tells of (review 10, 10)', async () => {
    const world = await openWorld(start, { preset: 'demo', faults: [heldReservation] });
    const { operationId, evacuation, failback } = await leftThenFailedBack(world);
    const { sql, params } = whereOf({ operation: operationId });
    const scoped = dbOf(world.services)
      .prepare(`SELECT action, actor, details, task_id AS taskId FROM audit ${sql} ORDER BY id`)
      .all(...params) as { action: AuditAction; actor: string; details: string | null; taskId: string | null }[];
    // A record of the failback: its request, or a record of one of its moves; every other one is the maintenance's.
    const ofFailback = (r: (typeof scoped)[number]) => r.action.startsWith('maintenance.failback-') || failback.includes(r.taskId ?? '');
    expect(scoped.map((r) => `${r.action} → ${JSON.stringify(auditOperationOf(r))}`)).toEqual(
      scoped.map((r) => `${r.action} → ${JSON.stringify({ operation: operationId, part: ofFailback(r) ? 'failback' : 'maintenance' })}`),
    );
    // The moves of both, their cancels included, are among them.
    const moves = scoped.filter((r) => r.taskId !== null);
    expect(moves.filter((r) => evacuation.includes(r.taskId ?? '')).map((r) => r.action)).toContain('migration.cancel-requested');
    expect(moves.filter(ofFailback).map((r) => r.action)).toContain('migration.finished');
    expect(moves.every((r) => evacuation.includes(r.taskId ?? '') || failback.includes(r.taskId ?? ''))).toBe(true);
  });

  it('keeps the report of leaving while entering, and the link to the trail, after the failback ended, until the admin closes it', async () => {
    const world = await openWorld(start, { preset: 'demo', faults: [heldReservation] });
    const { operationId } = await leftThenFailedBack(world);
    const m = world.services;
    expect(m.maintenance.progress(H0)).toMatchObject({ operationId, failback: null, exitReport: expect.objectContaining({}) });
    expect(m.maintenance.statuses().map((p) => p.hostId)).toEqual([H0]);
    m.maintenance.dismissExitReport(H0);
    // Nothing left to say, the host off: its last maintenance stays one link away (new-user review 10, 10).
    expect(m.maintenance.progress(H0)).toMatchObject({ operationId: null, exitReport: null, lastOperation: { id: operationId } });
    // Nothing left to say of it: only the link to its last maintenance (review 10, 10).
    expect(
      m.maintenance.statuses().map(({ state, operationId, lastOperation }) => ({ state, operationId, linked: Boolean(lastOperation) })),
    ).toEqual([{ state: 'off', operationId: null, linked: true }]);
  });
});
