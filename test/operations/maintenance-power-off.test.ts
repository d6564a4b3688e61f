import { describe, expect, it } from 'vitest';
import { FerryError } from '../../src/shared/api/errors';
import { dbOf, useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H1 = 'DC0_C0_H1';
const VM5 = 'DC0_C0_H1_VM5';
const settle = (world: World, limitMs = 3600_000) =>
  world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, limitMs, 500);
const actions = (world: World) =>
  (dbOf(world.services).prepare('SELECT action FROM audit WHERE vm_name = ? ORDER BY id').all(VM5) as { action: string }[]).map(
    (r) => r.action,
  );
const journal = (world: World) => dbOf(world.services).prepare('SELECT state, forced, power_on_after FROM maintenance_power_offs').all();

/** DC0_C0_H1 entering maintenance, every move ended: DC0_C0_H1_VM5 (a passthrough device) is left running there. */
async function leftBehind(world: World): Promise<void> {
  world.services.maintenance.enter(H1, 'alice');
  await settle(world);
  expect(world.services.maintenance.progress(H1)).toMatchObject({ stage: 'cannot-finish', moved: 5, total: 5 });
}

describe('maintenance: power off and move cold (demo datacenter)', () => {
  const start = useServices();

  it('journals the intent before the guest hears of it, shuts it down gracefully, moves it cold and leaves it off', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    await leftBehind(world);
    const asked = m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice');
    // Nothing happened to the guest yet: the intent is in SQLite and in the audit first.
    expect(m.inventory.vm(VM5)).toMatchObject({ hostId: H1, power: 'running' });
    expect(journal(world)).toEqual([{ state: 'shutting-down', forced: 0, power_on_after: 0 }]);
    expect(actions(world)).toContain('maintenance.power-off-requested');
    expect(asked).toMatchObject({
      stage: 'entering',
      blocked: [expect.objectContaining({ powerOff: expect.objectContaining({ state: 'shutting-down' }) })],
    });

    await world.clock.advanceUntil(() => m.inventory.host(H1)?.maintenance === 'on', 3600_000, 1000);
    // The only other host with its GPU (review 4, R7: it went to a host without one).
    expect(m.inventory.vm(VM5)?.hostId).toBe('DC0_C0_H3');
    expect(m.inventory.vm(VM5)?.power).toBe('off');
    expect(m.maintenance.progress(H1)).toMatchObject({ stage: 'on', moved: 6, total: 6 });
    expect(journal(world)).toEqual([{ state: 'done', forced: 0, power_on_after: 0 }]);
    expect(actions(world)).toEqual(
      expect.arrayContaining(['maintenance.power-off-requested', 'maintenance.guest-powered-off', 'maintenance.cold-move-finished']),
    );
  });

  it('is neither offered nor started when no other host has the device: the guest keeps running (review 4, R7)', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    // DC0_C0_H3, the only other host with the GPU, is in maintenance.
    m.maintenance.enter('DC0_C0_H3', 'alice');
    await world.clock.advanceUntil(() => m.inventory.host('DC0_C0_H3')?.maintenance === 'on', 3600_000, 1000);
    await leftBehind(world);
    const [blocked] = m.maintenance.progress(H1).blocked;
    expect(blocked).toMatchObject({ vmName: VM5, actions: [] });
    expect(() => m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice')).toThrow(/has no NVIDIA A100/);
    expect(m.inventory.vm(VM5)).toMatchObject({ hostId: H1, power: 'running' });
    expect(journal(world)).toEqual([]);
  });

  it('powers it on at its destination only when the admin asked', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    await leftBehind(world);
    m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice', { powerOnAfter: true });
    await world.clock.advanceUntil(() => m.inventory.host(H1)?.maintenance === 'on', 3600_000, 1000);
    await world.clock.advanceUntil(() => m.inventory.vm(VM5)?.power === 'running', 60_000, 1000);
    expect(m.inventory.vm(VM5)?.hostId).not.toBe(H1);
    expect(journal(world)).toEqual([{ state: 'done', forced: 0, power_on_after: 1 }]);
    // The power-on is an action of its own in the trail, after the move it follows (new-user review 12, 8).
    const trail = actions(world);
    expect(trail.slice(trail.indexOf('maintenance.cold-move-finished'))).toEqual([
      'maintenance.cold-move-finished',
      'maintenance.guest-powered-on',
    ]);
    const [record] = dbOf(m)
      .prepare("SELECT actor, dest_host, task_id, details FROM audit WHERE action = 'maintenance.guest-powered-on'")
      .all() as {
      actor: string;
      dest_host: string;
      task_id: string | null;
      details: string;
    }[];
    expect(record).toMatchObject({ actor: 'alice', dest_host: m.inventory.host(m.inventory.vm(VM5)?.hostId ?? '')?.name });
    expect(record?.task_id).not.toBeNull();
    expect(record?.details).toMatch(/^maintenance operation \S+: powered on at DC0_C0_H\d after its cold move$/);
  });

  // Issue #14: its Downtime read "none (off)", as if the VM had been off all along.
  it("the cold move's task knows Ferry shut the guest down for it, and when it was powered on again", async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    await leftBehind(world);
    const askedAt = new Date(world.clock.now()).toISOString();
    m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice', { powerOnAfter: true });
    await world.clock.advanceUntil(() => m.engine.tasks().some((t) => t.vmId === VM5), 600_000, 1000);
    const moving = m.engine.tasks().find((t) => t.vmId === VM5);
    expect(moving).toMatchObject({ cold: true, shutDownForMove: { at: askedAt, powerOnAfter: true, poweredOnAt: null } });
    await world.clock.advanceUntil(() => m.inventory.vm(VM5)?.power === 'running', 3600_000, 1000);
    await world.clock.advance(1000);
    const [record] = dbOf(m).prepare("SELECT time AS at FROM audit WHERE action = 'maintenance.guest-powered-on'").all() as {
      at: string;
    }[];
    const moved = m.engine.taskById(moving?.id ?? '');
    expect(moved?.shutDownForMove).toEqual({ at: askedAt, powerOnAfter: true, poweredOnAt: record?.at });
    expect(Date.parse(moved?.shutDownForMove?.poweredOnAt ?? '')).toBeGreaterThan(Date.parse(askedAt));
    // The Tasks view reads it again from SQLite after a reload.
    expect(m.engine.recentTasks(10).find((t) => t.id === moving?.id)?.shutDownForMove?.poweredOnAt).toBe(record?.at);
  });

  it('a move left powered off writes no power-on', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    await leftBehind(world);
    m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice');
    await world.clock.advanceUntil(() => m.inventory.host(H1)?.maintenance === 'on', 3600_000, 1000);
    expect(actions(world)).toContain('maintenance.cold-move-finished');
    expect(actions(world)).not.toContain('maintenance.guest-powered-on');
    // Its task says the guest ran before Ferry shut it down, and is off since.
    const [task] = m.engine.vmHistory(VM5);
    expect(task?.shutDownForMove).toMatchObject({ powerOnAfter: false, poweredOnAt: null });
  });

  it('a guest that does not shut down in time keeps running where it was, nothing moves; a forced power off is a second, explicit step', async () => {
    const world = await openWorld(start, { preset: 'demo', faults: [{ operation: 'guest.shutdown', target: VM5, count: 1 }] });
    const m = world.services;
    await leftBehind(world);
    // Force is refused before a graceful shutdown was tried and timed out.
    expect(() => m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice', { force: true })).toThrow(FerryError);
    m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice');
    // Asking again while it shuts down is refused too.
    expect(() => m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice')).toThrow(/already being powered off/);
    await world.clock.advanceUntil(() => m.maintenance.progress(H1).blocked[0]?.powerOff?.state === 'timed-out', 600_000, 1000);
    const timedOut = m.maintenance.progress(H1);
    expect(timedOut.stage).toBe('cannot-finish');
    expect(timedOut.blocked[0]?.powerOff?.error).toMatchObject({
      code: 'GUEST_SHUTDOWN_TIMEOUT',
      message: expect.stringMatching(/still runs on DC0_C0_H1/),
    });
    expect(m.inventory.vm(VM5)).toMatchObject({ hostId: H1, power: 'running' });
    expect(m.engine.tasks()).toEqual([]);
    expect(m.inventory.host(H1)?.maintenance).toBe('entering');

    m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice', { force: true });
    await world.clock.advanceUntil(() => m.inventory.host(H1)?.maintenance === 'on', 3600_000, 1000);
    expect(m.inventory.vm(VM5)).toMatchObject({ power: 'off' });
    expect(m.inventory.vm(VM5)?.hostId).not.toBe(H1);
    expect(journal(world)).toEqual([
      { state: 'timed-out', forced: 0, power_on_after: 0 },
      { state: 'done', forced: 1, power_on_after: 0 },
    ]);
    expect(actions(world)).toContain('maintenance.power-off-failed');
  });

  it('after a crash during the shutdown, a guest still running is reported (nothing moved) and can be asked again', async () => {
    const first = await openWorld(start, { preset: 'demo' });
    await leftBehind(first);
    first.services.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice');
    await first.services.close();

    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    const m = second.services;
    expect(m.maintenance.progress(H1).blocked[0]?.powerOff).toMatchObject({
      state: 'interrupted',
      error: { code: 'INTERRUPTED', message: expect.stringMatching(/still runs on DC0_C0_H1 and nothing moved/) },
    });
    expect(m.inventory.vm(VM5)).toMatchObject({ hostId: H1, power: 'running' });
    m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice');
    await second.clock.advanceUntil(() => m.inventory.host(H1)?.maintenance === 'on', 3600_000, 1000);
    expect(m.inventory.vm(VM5)?.hostId).not.toBe(H1);
  });
});
