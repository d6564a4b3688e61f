import { describe, expect, it } from 'vitest';
import { isBeforeSwitchover } from '../../src/shared/model/cancel-rule';
import { openDatabase } from '../../src/main/store/database';
import { MaintenanceRepository } from '../../src/main/store/maintenance';
import { MaintenanceOperationRepository } from '../../src/main/store/maintenance-operations';
import type { Task } from '../../src/shared/model/migration';
import { dbOf, routerFor, useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H0 = 'DC0_C0_H0';
const H1 = 'DC0_C0_H1';
const hostOf = (world: World, vmId: string) => world.services.inventory.vm(vmId)?.hostId;
const settle = (world: World, limitMs = 3600_000) =>
  world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, limitMs, 500);
const auditWith = (world: World, text: string) =>
  dbOf(world.services).prepare('SELECT action, actor, details FROM audit WHERE details LIKE ? ORDER BY id').all(`%${text}%`) as {
    action: string;
    actor: string;
    details: string;
  }[];
const switchedOver = (t: Task) => t.switchedOver || !isBeforeSwitchover(t.phase);

describe('maintenance as a task (operations layer, demo datacenter)', () => {
  const start = useServices();

  it('leaving while entering cancels the moves not switched over, lets the others finish, and reports which', async () => {
    // DC0_C0_H0_VM3 dirties memory faster than the link: it ends in post-copy, past the point of no
    // return for a while; DC0_C0_H0_VM1 is held in its reservation meanwhile, so it is still cancellable.
    const world = await openWorld(start, {
      preset: 'demo',
      faults: [{ operation: 'destination.reserve', target: 'DC0_C0_H0_VM1', delayMs: 600_000, fail: false }],
    });
    const m = world.services;
    m.maintenance.enter(H0, 'alice');
    await world.clock.advanceUntil(() => m.engine.tasks().some(switchedOver), 900_000, 250);
    const past = m.engine
      .tasks()
      .filter(switchedOver)
      .map((t) => t.vmName);
    const before = m.engine
      .tasks()
      .filter((t) => !switchedOver(t))
      .map((t) => t.vmName);
    expect(before.length).toBeGreaterThan(0);

    const left = m.maintenance.exit(H0, 'alice');
    expect(left.state).toBe('off');
    expect(left.exitReport?.cancelled.sort()).toEqual([...before].sort());
    expect(left.exitReport?.finishing).toEqual(past);
    // The cancel is the engine's, journaled like any: requested at once, in the audit with who asked.
    for (const task of m.engine.tasks().filter((t) => before.includes(t.vmName)))
      expect(task.cancelRequested || task.state === 'aborted').toBe(true);
    const cancels = dbOf(m).prepare("SELECT vm_name, actor FROM audit WHERE action = 'migration.cancel-requested'").all() as {
      vm_name: string;
      actor: string;
    }[];
    expect(cancels.map((c) => c.vm_name).sort()).toEqual([...before].sort());
    expect(new Set(cancels.map((c) => c.actor))).toEqual(new Set(['alice (leaving maintenance)']));

    await settle(world);
    for (const name of before) expect(hostOf(world, name)).toBe(H0);
    for (const name of past) expect(hostOf(world, name)).not.toBe(H0);
    // What moved, before leaving or past the point of no return, can move back.
    expect(left.exitReport?.moved.length).toBeGreaterThan(0);
    expect(m.maintenance.progress(H0)).toMatchObject({ stage: 'off', failbackCount: past.length + (left.exitReport?.moved.length ?? 0) });
  });

  /**
   * Enters maintenance of H0 and leaves while entering once a move completed (DC0_C0_H0_VM1 is held
   * in its reservation, so it is cancelled), then enters again without answering the failback
   * offer, and leaves once that evacuation ended.
   */
  async function cancelledThenLeftAgain(world: World) {
    const m = world.services;
    const home = () => m.inventory.vmsOnHost(H0).map((v) => v.name);
    const cancelledId = m.maintenance.enter(H0, 'alice').operationId as string;
    const evacuated = m.engine.tasks().map((t) => t.vmName);
    await world.clock.advanceUntil(() => m.maintenance.progress(H0).moved > 0, 900_000, 250);
    expect(m.maintenance.exit(H0, 'alice').exitReport?.cancelled).toContain('DC0_C0_H0_VM1');
    await settle(world);
    const movedAway = evacuated.filter((name) => !home().includes(name));
    expect(movedAway.length).toBeGreaterThan(0);
    expect(m.maintenance.progress(H0).failbackCount).toBe(movedAway.length);

    const laterId = m.maintenance.enter(H0, 'alice').operationId as string;
    const laterMoves = m.engine.tasks().map((t) => t.vmName);
    expect(laterMoves.some((name) => movedAway.includes(name))).toBe(false);
    await settle(world);
    m.maintenance.exit(H0, 'alice');
    return { cancelledId, laterId, movedAway, laterMoves };
  }
  const heldReservation = { operation: 'destination.reserve', target: 'DC0_C0_H0_VM1', delayMs: 600_000, fail: false } as const;
  const failbackState = (world: World, id: string) =>
    dbOf(world.services).prepare('SELECT failback FROM maintenance_operations WHERE id = ?').pluck().get(id);

  it('what a maintenance left while entering did move is offered again by the next failback of that host (review 4, R8)', async () => {
    const world = await openWorld(start, { preset: 'demo', faults: [heldReservation] });
    const m = world.services;
    const { cancelledId, laterId, movedAway, laterMoves } = await cancelledThenLeftAgain(world);
    expect(m.maintenance.progress(H0)).toMatchObject({ operationId: laterId, failbackCount: movedAway.length + laterMoves.length });
    const plan = m.maintenance.failbackPlan(H0);
    expect(plan.moves.map((x) => x.vmName).sort()).toEqual([...movedAway, ...laterMoves].sort());

    m.maintenance.failback(H0, 'bob');
    await settle(world);
    for (const name of [...movedAway, ...laterMoves]) expect(hostOf(world, name)).toBe(H0);
    // Both operations are answered: neither offers anything again, and the audit links the failback to both.
    // Nothing left to say of it: only the link to its last maintenance (review 10, 10).
    expect(
      m.maintenance.statuses().map(({ state, operationId, lastOperation }) => ({ state, operationId, linked: Boolean(lastOperation) })),
    ).toEqual([{ state: 'off', operationId: null, linked: true }]);
    expect([failbackState(world, cancelledId), failbackState(world, laterId)]).toEqual(['requested', 'requested']);
    expect(auditWith(world, cancelledId).map((r) => r.action)).toContain('maintenance.failback-requested');
  });

  it('declining a failback that carried an earlier unanswered offer declines both: neither comes back (review 4, R8)', async () => {
    const world = await openWorld(start, { preset: 'demo', faults: [heldReservation] });
    const m = world.services;
    const { cancelledId, laterId } = await cancelledThenLeftAgain(world);
    m.maintenance.dismissFailback(H0, 'alice');
    expect([failbackState(world, cancelledId), failbackState(world, laterId)]).toEqual(['declined', 'declined']);
    // A third maintenance of the host has moved nothing (what could move is away): nothing to move back.
    m.maintenance.enter(H0, 'alice');
    await settle(world);
    expect(m.maintenance.exit(H0, 'alice')).toMatchObject({ failbackCount: 0 });
  });

  it('a cancel that leaving journaled but a crash interrupted is finished at the next start', async () => {
    const first = await openWorld(start, {
      preset: 'demo',
      faults: [{ operation: 'destination.reserve', target: 'DC0_C0_H0_VM1', delayMs: 600_000, fail: false }],
    });
    const operationId = first.services.maintenance.enter(H0, 'alice').operationId as string;
    await first.clock.advanceUntil(() => first.services.engine.tasks().length === 1, 900_000, 250);
    // What exit() writes first, in one transaction, before it cancels anything; then Ferry dies.
    const db = openDatabase(first.services.databaseFile);
    new MaintenanceOperationRepository(db).exited(operationId, new Date(first.clock.now()).toISOString(), null, true, 'offered');
    new MaintenanceRepository(db).setState(H0, 'off');
    db.close();
    await first.services.close();

    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    const cancels = dbOf(second.services).prepare("SELECT vm_name FROM audit WHERE action = 'migration.cancel-requested'").all();
    expect(cancels).toEqual([{ vm_name: 'DC0_C0_H0_VM1' }]);
    await settle(second);
    expect(hostOf(second, 'DC0_C0_H0_VM1')).toBe(H0);
    expect(second.services.inventory.host(H0)?.maintenance).toBe('off');
  });

  it('counts only what can move, and says the host cannot finish entering while a VM that cannot move runs there', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    expect(m.maintenance.enter(H1, 'alice')).toMatchObject({ stage: 'entering', moved: 0, total: 5 });
    await settle(world);
    const progress = m.maintenance.progress(H1);
    expect(progress).toMatchObject({ state: 'entering', stage: 'cannot-finish', moved: 5, total: 5 });
    expect(progress.blocked).toEqual([expect.objectContaining({ vmName: 'DC0_C0_H1_VM5', actions: ['power-off-and-move-cold'] })]);
    // Only DC0_C0_H3 has its GPU: "power off and move cold" says so before the admin confirms (new-user review m4).
    expect(progress.blocked[0]?.coldHostNames).toEqual(['DC0_C0_H3']);
  });

  it('moves local-disk VMs with their disks and powered-off VMs cold only when asked', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const plain = m.maintenance.plan('DC0_C0_H0');
    expect(plain.moves.map((x) => x.vmName)).not.toContain('DC0_C0_H0_VM2');
    expect(plain.moves.map((x) => x.vmName)).not.toContain('DC0_C0_H0_VM4');
    expect(plain.blocked.find((b) => b.vmName === 'DC0_C0_H0_VM2')?.actions).toEqual(['move-with-disk']);
    const asked = m.maintenance.plan('DC0_C0_H0', { withLocalDisks: true, poweredOff: true });
    expect(asked.moves.find((x) => x.vmName === 'DC0_C0_H0_VM2')).toMatchObject({ kind: 'with-disk', destDatastoreId: expect.any(String) });
    expect(asked.moves.find((x) => x.vmName === 'DC0_C0_H0_VM4')).toMatchObject({ kind: 'cold' });

    // A shared-nothing evacuation runs to the end: DC0_C0_H2's local-disk VM leaves with its disk.
    const homeStore = m.inventory.vm('DC0_C0_H2_VM3')?.disks[0]?.datastoreId;
    m.maintenance.enter('DC0_C0_H2', 'alice', { withLocalDisks: true, poweredOff: false });
    const moved = m.engine.tasks().find((t) => t.vmName === 'DC0_C0_H2_VM3');
    expect(moved).toMatchObject({ type: 'both' });
    await world.clock.advanceUntil(() => m.inventory.host('DC0_C0_H2')?.maintenance === 'on', 3600_000, 1000);
    const vm = m.inventory.vm('DC0_C0_H2_VM3');
    expect(vm?.hostId).not.toBe('DC0_C0_H2');
    expect(vm?.disks.every((d) => m.inventory.host(vm.hostId)?.datastoreIds.includes(d.datastoreId))).toBe(true);
    // Its failback puts its disk back where it was, though the home host reaches where it is now (new-user review 11, 8).
    m.maintenance.exit('DC0_C0_H2', 'alice');
    expect(m.maintenance.failbackPlan('DC0_C0_H2').moves.find((x) => x.vmName === 'DC0_C0_H2_VM3')).toMatchObject({
      kind: 'with-disk',
      destDatastoreId: homeStore,
    });
  });

  it('a VM left behind moves with its disk from the panel, and the host then finishes entering', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    m.maintenance.enter('DC0_C0_H2', 'alice');
    await settle(world);
    expect(m.maintenance.progress('DC0_C0_H2')).toMatchObject({ stage: 'cannot-finish', moved: 5, total: 5 });
    expect(m.maintenance.moveBlocked('DC0_C0_H2', 'DC0_C0_H2_VM3', 'move-with-disk', 'alice')).toMatchObject({
      stage: 'entering',
      total: 6,
      blocked: [],
    });
    await world.clock.advanceUntil(() => m.inventory.host('DC0_C0_H2')?.maintenance === 'on', 3600_000, 1000);
    expect(m.maintenance.progress('DC0_C0_H2')).toMatchObject({ stage: 'on', moved: 6, total: 6 });
  });

  it('offers a failback after a restart on the same data folder, mission-critical first, and links both in the audit', async () => {
    const first = await openWorld(start, { preset: 'demo' });
    const operationId = first.services.maintenance.enter(H1, 'alice').operationId as string;
    await settle(first);
    first.services.maintenance.exit(H1, 'alice');
    await first.services.close();

    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    const m = second.services;
    expect(m.maintenance.statuses()).toEqual([expect.objectContaining({ hostId: H1, operationId, exitReport: null, failbackCount: 5 })]);
    const plan = m.maintenance.failbackPlan(H1);
    // Mission-critical first, then the largest first.
    expect(plan.moves.map((x) => x.vmName)).toEqual(['DC0_C0_H1_VM3', 'DC0_C0_H1_VM1', 'DC0_C0_H1_VM0', 'DC0_C0_H1_VM2', 'DC0_C0_H1_VM4']);
    expect(plan.moves.every((x) => x.destHostId === H1 && x.kind === 'live')).toBe(true);

    m.maintenance.failback(H1, 'bob');
    expect(m.engine.tasks().find((t) => t.vmName === 'DC0_C0_H1_VM3')?.priority).toBe('high');
    expect(m.engine.tasks().every((t) => t.requestedBy === `failback of maintenance of ${H1} (on behalf of bob)`)).toBe(true);
    // While it runs the host still shows the operation (its audit link) and how far the failback got (review 3 F2).
    expect(m.maintenance.statuses()).toEqual([
      expect.objectContaining({ hostId: H1, operationId, failbackCount: 0, failback: { moved: 0, total: 5 } }),
    ]);
    await second.clock.advanceUntil(() => m.engine.tasks().length < 5, 3600_000, 500);
    expect(m.maintenance.progress(H1).failback?.moved).toBeGreaterThan(0);
    await settle(second);
    expect(m.maintenance.progress(H1)).toMatchObject({ operationId: null, failback: null });
    expect(
      m.inventory
        .vmsOnHost(H1)
        .map((v) => v.name)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5].map((i) => `DC0_C0_H1_VM${i}`));
    // Nothing left to say of it: only the link to its last maintenance (review 10, 10).
    expect(
      m.maintenance.statuses().map(({ state, operationId, lastOperation }) => ({ state, operationId, linked: Boolean(lastOperation) })),
    ).toEqual([{ state: 'off', operationId: null, linked: true }]);

    // One search for the operation id finds the maintenance and its failback.
    const linked = auditWith(second, operationId).map((r) => r.action);
    expect(linked.filter((a) => a === 'maintenance.requested')).toHaveLength(1);
    expect(linked).toContain('maintenance.exited');
    expect(linked).toContain('maintenance.failback-requested');
    const requested = auditWith(second, `maintenance operation ${operationId}`).filter((r) => r.action === 'migration.requested');
    expect(requested).toHaveLength(10);
    expect(requested.filter((r) => r.details.startsWith('failback of'))).toHaveLength(5);
    // The Audit view's scope of the operation (its chip) shows how each failback move went too (review 3 F2).
    const page = await routerFor(m).dispatch(
      'audit.query',
      { filter: { operation: operationId }, page: 0, pageSize: 200, sort: { field: 'id', direction: 'asc' } },
      { actor: 'tester', shell: 'browser' },
    );
    if (!page.ok) throw new Error(page.error.message);
    const scoped = (page.value as { rows: { action: string; actor: string }[] }).rows.filter((r) => r.actor.startsWith('failback of'));
    expect(scoped.filter((r) => r.action === 'migration.started')).toHaveLength(5);
    expect(scoped.filter((r) => r.action === 'migration.finished')).toHaveLength(5);
  });

  it('a failback is offered once: declining it is recorded and it is no longer offered', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    m.maintenance.enter('DC0_C0_H3', 'alice');
    await world.clock.advanceUntil(() => m.inventory.host('DC0_C0_H3')?.maintenance === 'on', 3600_000, 1000);
    m.maintenance.exit('DC0_C0_H3', 'alice');
    expect(m.maintenance.dismissFailback('DC0_C0_H3', 'alice')).toMatchObject({ operationId: null, failbackCount: 0 });
    expect(() => m.maintenance.failbackPlan('DC0_C0_H3')).toThrow(/no maintenance to fail back from/);
    expect(auditWith(world, 'its VMs stay where it moved them').map((r) => r.action)).toEqual(['maintenance.failback-declined']);
  });
});
