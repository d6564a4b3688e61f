import { describe, expect, it } from 'vitest';
import { useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H1 = 'DC0_C0_H1';
const VM5 = 'DC0_C0_H1_VM5';
const settle = (world: World, limitMs = 3600_000) =>
  world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, limitMs, 500);

describe('a failback offer agrees with its plan (new-user review m3)', () => {
  const start = useServices();

  it("counts only what the plan moves back, lists the VM it cannot move live with its reason, in a failback's words", async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    m.maintenance.enter(H1, 'alice');
    await settle(world);
    // Its GPU keeps DC0_C0_H1_VM5 from moving live: powered off, moved cold to DC0_C0_H3 and powered on there.
    m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice', { powerOnAfter: true });
    await world.clock.advanceUntil(
      () => m.inventory.host(H1)?.maintenance === 'on' && m.inventory.vm(VM5)?.power === 'running',
      3600_000,
      1000,
    );
    expect(m.inventory.vm(VM5)).toMatchObject({ hostId: 'DC0_C0_H3', power: 'running' });

    const left = m.maintenance.exit(H1, 'alice');
    const plan = m.maintenance.failbackPlan(H1);
    expect(plan.blocked.map((b) => b.vmName)).toEqual([VM5]);
    expect(left.failbackCount).toBe(plan.moves.length);
    expect(left.failbackBlocked).toEqual([{ vmName: VM5, reason: plan.blocked[0]?.reasons[0]?.message, powerOff: null }]);
    const options = plan.blocked[0]?.options.join('; ') ?? '';
    expect(options).not.toMatch(/for the maintenance|maintenance pending/);
    expect(options).toMatch(/Power it off and move it back cold to DC0_C0_H1/);
    expect(options).toMatch(/Leave it where it is/);
  });
});
