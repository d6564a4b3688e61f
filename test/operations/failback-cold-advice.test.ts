// A failback's blocked VM is told to power off and move back cold only where its home host would
// take it cold: a GPU keeps DC0_C0_H1_VM5 from moving live, but a home host without its port
// group refuses it cold as well, and the advice must not promise what the next step refuses.

import { describe, expect, it } from 'vitest';
import { planFailback } from '../../src/main/operations/failback-planner';
import type { Task } from '../../src/shared/model/migration';
import { presetView } from '../engine/fake-view';

const H1 = 'DC0_C0_H1';
const VM5 = 'DC0_C0_H1_VM5';

/** The demo with VM5 moved away by a maintenance of H1, running on DC0_C0_H3 (the other GPU host). */
async function awayFromHome() {
  const world = await presetView('demo');
  world.vms.set(VM5, { ...world.vm(VM5), hostId: 'DC0_C0_H3', power: 'running' });
  const moved = [{ task: { vmId: VM5, sourceDatastoreIds: [] } as unknown as Task, missionCritical: false }];
  return { world, moved };
}

const adviceFor = (plan: ReturnType<typeof planFailback>): string => plan.blocked.find((b) => b.vmId === VM5)?.options.join('; ') ?? '';

describe("a failback's advice for a VM it cannot move back live", () => {
  it('offers the cold move back when the home host takes the VM once it is off', async () => {
    const { world, moved } = await awayFromHome();
    const plan = planFailback(world.view, world.host(H1), 'op-1', moved);
    expect(plan.blocked[0]?.reasons.map((r) => r.code)).toContain('DEVICE_NOT_MIGRATABLE');
    expect(adviceFor(plan)).toMatch(/^Power it off and move it back cold to DC0_C0_H1/);
    // With the action that does it, as the evacuation offers (new-user review 10, 2).
    expect(plan.blocked[0]).toMatchObject({ actions: ['power-off-and-move-cold'], coldHostNames: [H1] });
  });

  it('does not offer it when the home host would refuse the VM cold too (its port group is gone), and says what would', async () => {
    const { world, moved } = await awayFromHome();
    world.hosts.set(H1, { ...world.host(H1), portGroups: [] });
    const plan = planFailback(world.view, world.host(H1), 'op-1', moved);
    expect(plan.blocked[0]?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['DEVICE_NOT_MIGRATABLE', 'PORT_GROUP_MISSING']));
    expect(adviceFor(plan)).not.toMatch(/back cold/);
    expect(plan.blocked[0]?.actions).toEqual([]);
    expect(adviceFor(plan)).toMatch(/Add the missing port group to DC0_C0_H1, then move it back/);
  });
});
