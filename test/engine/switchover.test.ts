import { describe, expect, it } from 'vitest';
import { useServices } from '../helpers/services';
import { auditActions, expectSettled, openWorld, request, untilFinished, untilPhase } from './harness';
import { switchoverCases } from './switchover.cases';

describe('the switchover is a one-way door: nothing rolls back past it, and the VM is never lost', () => {
  const start = useServices();

  it.each(switchoverCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const world = await openWorld(start, { preset: 'tiny' });
    c.driver?.(world);
    const [task] = world.services.engine.request(request(c.request), { requestedBy: 'alice' });
    if (!task) throw new Error('no task');
    if (c.act) {
      if (c.before) await untilPhase(world, task.id, 'memory');
      else {
        // Past the door, and the hypervisor has really switched the guest over (post-copy pulling pages).
        await world.clock.advanceUntil(() => world.services.board.get(task.id)?.switchedOver === true, 3600_000, 100);
        while ((await world.sim.jobProgress(task.id)).status !== 'postcopy') await world.clock.advance(50);
      }
      await c.act(world, task.id);
    }
    const done = await untilFinished(world, task.id);
    expect({ state: done.state, error: done.error?.code ?? null }).toEqual({
      state: c.state,
      error: c.errorCode ?? done.error?.code ?? null,
    });
    if (c.runsOn) await expectSettled(world, task.vmId, c.runsOn, c.pausedLeftoverOn);
    const placements = await world.sim.locateVm(task.vmId);
    for (const hostId of c.halvesOn ?? []) expect(placements).toContainEqual(expect.objectContaining({ hostId, copy: 'postcopy-failed' }));
    if (c.problems) expect(done.problems.join(' ')).toMatch(c.problems);
    const actions = auditActions(world, task.id);
    expect(actions.filter((a) => a === 'migration.finished')).toHaveLength(1);
    expect(world.services.audit.verify().ok).toBe(true);
  });
});
