// New-user review 16, 7: a host entering maintenance while a failback takes some of its VMs home
// leaves those VMs to the failback (the plan's `leavingAlready`), yet its panel said only
// "Entering maintenance (0 of 4 moved)" beside 9 VMs: it did not say the host waits for them too.

import { describe, expect, it } from 'vitest';
import { useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H0 = 'DC0_C1_H0';
const H2 = 'DC0_C1_H2';
const settle = (world: World) => world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, 3600_000, 500);
/** The VMs still on H0 that a move other than its evacuation takes off it, as the engine knows them. */
const leavingH0 = (world: World, evacuation: ReadonlySet<string>) =>
  world.services.engine
    .tasks()
    .filter((t) => !evacuation.has(t.id) && world.services.inventory.vm(t.vmId)?.hostId === H0)
    .map((t) => t.vmName)
    .sort();

/** H2's maintenance moved its VMs off; H2 left it and "Move them back" began: H0's share of them is on its way home. */
async function failbackUnderWay(world: World): Promise<void> {
  const m = world.services;
  m.maintenance.enter(H2, 'alice');
  await world.clock.advanceUntil(() => m.inventory.host(H2)?.maintenance === 'on', 3600_000, 1000);
  m.maintenance.exit(H2, 'alice');
  m.maintenance.failback(H2, 'alice');
}

describe('a host entering maintenance while a failback takes some of its VMs away', () => {
  const start = useServices();

  it('says it waits for them, by the failback, as they leave and after a restart', async () => {
    const first = await openWorld(start, { preset: 'demo' });
    const m = first.services;
    await failbackUnderWay(first);
    const plan = m.maintenance.plan(H0);
    const leaving = (plan.leavingAlready ?? []).map((vm) => vm.vmName).sort();
    expect(leaving.length).toBeGreaterThan(1);

    const entered = m.maintenance.enter(
      H0,
      'alice',
      undefined,
      plan.moves.map((move) => move.vmId),
    );
    const evacuation = new Set(m.engine.batch(entered.operationId ?? '').map((t) => t.id));
    expect(evacuation.size).toBe(plan.moves.length);
    expect(entered.total).toBe(plan.moves.length);
    expect(entered.leavingWithOwnMove?.map((vm) => vm.vmName).sort()).toEqual(leaving);
    expect(entered.leavingWithOwnMove?.[0]).toMatchObject({ toHostName: H2, withFailbackOf: H2 });

    // One lands home: one fewer is said to leave.
    await first.clock.advanceUntil(() => leavingH0(first, evacuation).length < leaving.length, 3600_000, 250);
    const fewer = m.maintenance
      .progress(H0)
      .leavingWithOwnMove?.map((vm) => vm.vmName)
      .sort();
    expect(fewer).toEqual(leavingH0(first, evacuation));
    expect(fewer?.length).toBeLessThan(leaving.length);
    await m.close();

    // A restart keeps them (the failback's moves are tasks in SQLite), until the last has left.
    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    const s = second.services;
    const after = s.maintenance.progress(H0);
    expect(after.state).toBe('entering');
    expect(after.leavingWithOwnMove?.map((vm) => vm.vmName).sort()).toEqual(leavingH0(second, evacuation));
    expect(after.leavingWithOwnMove?.length).toBeGreaterThan(0);
    await settle(second);
    expect(s.maintenance.progress(H0)).toMatchObject({ leavingWithOwnMove: [], stage: 'cannot-finish' });
    expect(leaving.map((vmName) => s.inventory.vm(vmName)?.hostId)).toEqual(leaving.map(() => H2));
  });
});
