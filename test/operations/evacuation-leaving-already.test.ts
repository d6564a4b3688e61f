import { describe, expect, it } from 'vitest';
import { planEvacuation } from '../../src/main/operations/evacuation-planner';
import { presetView } from '../engine/fake-view';
import { pendingMove } from './pending-move';

const H3 = 'DC0_C0_H3';
const VM0 = 'DC0_C0_H3_VM0';

// New-user review 15, 1: a host asked to enter maintenance while a failback moved some of its VMs to
// another host listed those VMs again, to other hosts; the engine then refused them, and "4 of 6
// moved" followed a plan of 9.
describe('an evacuation beside moves already taking VMs off the host', () => {
  it('leaves a VM on its way to a host that stays to that move, and says where it goes', async () => {
    const world = await presetView('demo');
    const [alone] = planEvacuation(world.view, [H3]);
    expect(alone?.moves.map((m) => m.vmId)).toContain(VM0);
    const [plan] = planEvacuation(world.view, [H3], undefined, [pendingMove(VM0, H3, 'DC0_C0_H1', 'running')]);
    expect(plan?.moves.map((m) => m.vmId)).not.toContain(VM0);
    expect(plan?.moves).toHaveLength((alone?.moves.length ?? 0) - 1);
    expect(plan?.leavingAlready).toEqual([{ vmId: VM0, vmName: VM0, toHostName: 'DC0_C0_H1' }]);
    // A move between two hosts that both leave is the plan's to place.
    const [both] = planEvacuation(world.view, [H3, 'DC0_C0_H1'], undefined, [pendingMove(VM0, H3, 'DC0_C0_H1', 'queued')]);
    expect(both?.moves.map((m) => m.vmId)).toContain(VM0);
  });

  it("once the host is entering, the moves off it are its evacuation's own, planned as before", async () => {
    const world = await presetView('demo');
    world.hosts.set(H3, { ...world.host(H3), maintenance: 'entering' });
    const [plan] = planEvacuation(world.view, [H3], undefined, [pendingMove(VM0, H3, 'DC0_C0_H1', 'running')]);
    expect(plan?.moves.map((m) => m.vmId)).toContain(VM0);
    expect(plan?.leavingAlready).toEqual([]);
  });
});
