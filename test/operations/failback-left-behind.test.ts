// After "Move them back", the VM the failback plan could not move back live (DC0_C0_H1_VM5, a GPU)
// lost its "power off and move back cold" offer and was never mentioned again (new-user review,
// finding A): it stays offered, after a restart too, until the admin moves it or keeps it where it is.

import { describe, expect, it } from 'vitest';
import { dbOf, useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H1 = 'DC0_C0_H1';
const VM5 = 'DC0_C0_H1_VM5';
const settle = (world: World) => world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, 3600_000, 500);

/** H1's maintenance moved VM5 cold (running again on DC0_C0_H3) and the others live; H1 left maintenance and its failback started. */
async function failbackStarted(world: World): Promise<void> {
  const m = world.services;
  m.maintenance.enter(H1, 'alice');
  await settle(world);
  m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice', { powerOnAfter: true });
  await world.clock.advanceUntil(
    () => m.inventory.host(H1)?.maintenance === 'on' && m.inventory.vm(VM5)?.power === 'running',
    3600_000,
    1000,
  );
  m.maintenance.exit(H1, 'alice');
  expect(m.maintenance.failbackPlan(H1).blocked.map((b) => b.vmId)).toEqual([VM5]);
  m.maintenance.failback(H1, 'alice');
}

describe('what a failback did not move back', () => {
  const start = useServices();

  it('stays offered with its cold move back, after a restart too, until the admin keeps it where it is', async () => {
    const first = await openWorld(start, { preset: 'demo' });
    const m = first.services;
    await failbackStarted(first);
    const offered = m.maintenance.progress(H1);
    expect(offered).toMatchObject({ leftByFailback: true, failbackCount: 0 });
    expect(offered.failbackBlocked).toEqual([expect.objectContaining({ vmName: VM5 })]);
    await settle(first);
    await m.close();

    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    const s = second.services;
    expect(s.maintenance.progress(H1)).toMatchObject({ leftByFailback: true, failbackBlocked: [expect.objectContaining({ vmName: VM5 })] });
    expect(s.maintenance.failbackPlan(H1).blocked).toEqual([expect.objectContaining({ vmId: VM5, actions: ['power-off-and-move-cold'] })]);

    const kept = s.maintenance.dismissFailback(H1, 'bob');
    expect(kept).toMatchObject({ failbackCount: 0, failbackBlocked: [], operationId: null });
    expect(s.inventory.vm(VM5)?.hostId).toBe('DC0_C0_H3');
    const declined = dbOf(s).prepare("SELECT details FROM audit WHERE action = 'maintenance.failback-declined'").all() as {
      details: string;
    }[];
    expect(declined).toEqual([{ details: expect.stringContaining(`${VM5} stays where the maintenance moved it`) }]);
  });

  it('moves back cold when asked, and then has nothing left to offer', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    await failbackStarted(world);
    m.maintenance.moveBackCold(H1, VM5, 'bob', { powerOnAfter: true });
    await world.clock.advanceUntil(() => m.inventory.vm(VM5)?.hostId === H1 && m.inventory.vm(VM5)?.power === 'running', 600_000, 1000);
    await settle(world);
    expect(m.maintenance.progress(H1)).toMatchObject({ failbackCount: 0, failbackBlocked: [], operationId: null });
  });
});
