import { describe, expect, it } from 'vitest';
import { planEvacuation } from '../../src/main/operations/evacuation-planner';
import { presetView } from '../engine/fake-view';
import { openWorld } from '../engine/harness';
import { dbOf, useServices } from '../helpers/services';

// New-user review 11, findings 5 and 7 (issue #14): what the evacuation plan leaves on the host, and why.
describe('the evacuation plan speaks for the whole plan', () => {
  it('lists the powered-off VMs that stay when they are not asked to move, apart from the moves and the blocked', async () => {
    const { view } = await presetView('demo');
    const [plan] = planEvacuation(view, ['DC0_C1_H0']);
    if (!plan) throw new Error('no plan');
    expect(plan.poweredOffStaying).toEqual([{ vmId: 'DC0_C1_H0_VM3', vmName: 'DC0_C1_H0_VM3' }]);
    expect(plan.moves.map((m) => m.vmName)).not.toContain('DC0_C1_H0_VM3');
    expect(plan.blocked.map((b) => b.vmName)).not.toContain('DC0_C1_H0_VM3');
  });

  it('lists none once they are asked to move: they are moves then', async () => {
    const { view } = await presetView('demo');
    const [plan] = planEvacuation(view, ['DC0_C1_H0'], { withLocalDisks: false, poweredOff: true });
    expect(plan?.poweredOffStaying).toEqual([]);
    expect(plan?.moves.find((m) => m.vmName === 'DC0_C1_H0_VM3')?.kind).toBe('cold');
  });

  it('says a local disk is reached by no other host of the cluster, not that the first host tried cannot reach it', async () => {
    const { view } = await presetView('demo');
    const [plan] = planEvacuation(view, ['DC0_C1_H0']);
    const reason = plan?.blocked.find((b) => b.vmName === 'DC0_C1_H0_VM1')?.reasons[0];
    expect(reason?.code).toBe('STORAGE_NOT_REACHABLE');
    expect(reason?.message).toBe("its disk is on DC0_C1_H0's local datastore DC0_C1_H0_DS0, which no other host of its cluster reaches");
    expect(reason?.message).not.toMatch(/DC0_C1_H1|DC0_C1_H2/);
  });
});

describe('maintenance progress with powered-off VMs left on the host', () => {
  const start = useServices();

  it('counts only the moves in "n of m", lists the staying VMs nowhere as blocked, and the host still enters maintenance', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const plan = m.maintenance.plan('DC0_C1_H0', { withLocalDisks: true, poweredOff: false });
    expect(plan.poweredOffStaying.map((v) => v.vmName)).toEqual(['DC0_C1_H0_VM3']);
    const entering = m.maintenance.enter('DC0_C1_H0', 'alice', { withLocalDisks: true, poweredOff: false });
    expect(entering).toMatchObject({ moved: 0, total: plan.moves.length, blocked: [] });
    await world.clock.advanceUntil(() => m.inventory.host('DC0_C1_H0')?.maintenance === 'on', 3600_000, 1000);
    expect(m.maintenance.progress('DC0_C1_H0')).toMatchObject({
      stage: 'on',
      moved: plan.moves.length,
      total: plan.moves.length,
      blocked: [],
    });
    expect(m.inventory.vmsOnHost('DC0_C1_H0').map((v) => v.name)).toEqual(['DC0_C1_H0_VM3']);
    const requested = dbOf(m).prepare("SELECT details FROM audit WHERE action = 'maintenance.requested'").get() as { details: string };
    expect(requested.details).toMatch(/; 0 cannot move; 1 powered off stays on the host$/);
  });
});
