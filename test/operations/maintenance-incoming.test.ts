import { describe, expect, it } from 'vitest';
import { isBeforeSwitchover } from '../../src/shared/model/cancel-rule';
import type { Task } from '../../src/shared/model/migration';
import { automatedMove } from '../../src/main/operations/automated-move';
import { dbOf, useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const hostOf = (world: World, vmId: string) => world.services.inventory.vm(vmId)?.hostId;
const settle = (world: World, limitMs = 3600_000) =>
  world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, limitMs, 500);
const switchedOver = (t: Task) => t.switchedOver || !isBeforeSwitchover(t.phase);
const moveInto = (world: World, vmId: string, hostId: string) =>
  world.services.engine.request(automatedMove(vmId, hostId, 'default'), { requestedBy: 'bob' })[0] as Task;

/** Review 5, finding 1: moves into a host entering maintenance are dealt with, and the host finishes entering. */
describe('maintenance of a host that a migration is moving into (demo datacenter)', () => {
  const start = useServices();

  it('cancels a move into the host that has not switched over: the VM stays on its source and the host finishes entering', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const H2 = 'DC0_C1_H2';
    const incoming = moveInto(world, 'DC0_C1_H0_VM2', H2);
    await world.clock.advanceUntil(() => m.engine.taskById(incoming.id)?.phase === 'memory', 600_000, 250);

    expect(m.maintenance.plan(H2).incoming).toEqual([expect.objectContaining({ vmName: 'DC0_C1_H0_VM2', cancellable: true })]);
    const entered = m.maintenance.enter(H2, 'alice');
    expect(entered.incoming).toEqual([{ vmName: 'DC0_C1_H0_VM2', outcome: 'cancelled' }]);
    const cancels = dbOf(m).prepare("SELECT vm_name, actor FROM audit WHERE action = 'migration.cancel-requested'").all();
    expect(cancels).toEqual([{ vm_name: 'DC0_C1_H0_VM2', actor: 'alice (entering maintenance of DC0_C1_H2)' }]);

    await world.clock.advanceUntil(() => m.inventory.host(H2)?.maintenance === 'on', 3600_000, 1000);
    expect(hostOf(world, 'DC0_C1_H0_VM2')).toBe('DC0_C1_H0');
    expect(m.maintenance.progress(H2)).toMatchObject({ stage: 'on', incoming: [{ vmName: 'DC0_C1_H0_VM2', outcome: 'cancelled' }] });
  });

  it('plans the evacuation around the moves already on their way to the other hosts (new-user review 11, 2)', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const destOfVm3 = () => m.maintenance.plan('DC0_C0_H1').moves.find((move) => move.vmName === 'DC0_C0_H1_VM3')?.destHostId;
    expect(destOfVm3()).toBe('DC0_C0_H2');
    // 80 GiB queued from H3 to H2, the roomiest host: H3 is now the one with the most room.
    for (const vmId of ['DC0_C0_H3_VM5', 'DC0_C0_H3_VM0', 'DC0_C0_H3_VM2']) moveInto(world, vmId, 'DC0_C0_H2');
    expect(destOfVm3()).toBe('DC0_C0_H3');
  });

  it('refuses to run a plan other than the one confirmed: a move that landed meanwhile changes it (new-user review 12, 1)', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const H2 = 'DC0_C0_H2';
    const incoming = moveInto(world, 'DC0_C0_H3_VM0', H2);
    const shown = m.maintenance.plan(H2);
    expect(shown.incoming?.map((i) => i.vmName)).toEqual(['DC0_C0_H3_VM0']);
    const confirmed = shown.moves.map((move) => move.vmId);
    // The admin reads the plan while the move lands: the VM is now one more to evacuate.
    await settle(world);
    expect(m.engine.taskById(incoming.id)?.state ?? 'completed').toBe('completed');
    expect(hostOf(world, 'DC0_C0_H3_VM0')).toBe(H2);
    expect(() => m.maintenance.enter(H2, 'alice', undefined, confirmed)).toThrow(/changed since it was shown/);
    expect(m.inventory.host(H2)?.maintenance).toBe('off');
    expect(dbOf(m).prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'maintenance.requested'").get()).toEqual({ n: 0 });
    // The plan as it is now, confirmed, runs.
    const now = m.maintenance.plan(H2).moves.map((move) => move.vmId);
    expect(now).toContain('DC0_C0_H3_VM0');
    expect(m.maintenance.enter(H2, 'alice', undefined, now)).toMatchObject({ state: 'entering', total: now.length });
  });

  it('a move into the host past its switchover lands, is then evacuated like the others, and "n of m" counts it', async () => {
    // DC0_C0_H0_VM3 dirties memory faster than the link: it ends in post-copy, past the point of no return for a while.
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const H3 = 'DC0_C0_H3';
    const incoming = moveInto(world, 'DC0_C0_H0_VM3', H3);
    await world.clock.advanceUntil(() => switchedOver(m.engine.taskById(incoming.id) as Task), 900_000, 250);
    expect(m.engine.taskById(incoming.id)?.state).toBe('running');

    const planned = m.maintenance.plan(H3).moves.length;
    const entered = m.maintenance.enter(H3, 'alice');
    expect(entered).toMatchObject({ stage: 'entering', total: planned, incoming: [{ vmName: 'DC0_C0_H0_VM3', outcome: 'arriving' }] });

    await world.clock.advanceUntil(() => m.inventory.host(H3)?.maintenance === 'on', 3600_000, 1000);
    expect(hostOf(world, 'DC0_C0_H0_VM3')).not.toBe(H3);
    expect(m.inventory.vmsOnHost(H3).filter((v) => v.power === 'running')).toEqual([]);
    expect(m.maintenance.progress(H3)).toMatchObject({
      stage: 'on',
      moved: planned + 1,
      total: planned + 1,
      incoming: [{ vmName: 'DC0_C0_H0_VM3', outcome: 'landed' }],
    });
  });

  it('after a restart, a host entering maintenance still knows which moves into it it cancelled', async () => {
    const first = await openWorld(start, { preset: 'demo' });
    const H2 = 'DC0_C1_H2';
    const incoming = moveInto(first, 'DC0_C1_H0_VM2', H2);
    await first.clock.advanceUntil(() => first.services.engine.taskById(incoming.id)?.phase === 'memory', 600_000, 250);
    first.services.maintenance.enter(H2, 'alice');
    await first.services.close();

    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    expect(second.services.maintenance.progress(H2).incoming).toEqual([{ vmName: 'DC0_C1_H0_VM2', outcome: 'cancelled' }]);
    await settle(second);
    await second.clock.advanceUntil(() => second.services.inventory.host(H2)?.maintenance === 'on', 3600_000, 1000);
    expect(hostOf(second, 'DC0_C1_H0_VM2')).toBe('DC0_C1_H0');
  });
});
