import { describe, expect, it } from 'vitest';
import { useServices } from '../helpers/services';
import { openWorld } from '../engine/harness';

const H1 = 'DC0_C0_H1';

/** Review 5, finding 20: a VM whose evacuation move failed had no action in the maintenance panel. */
describe('retrying a maintenance move that failed (demo datacenter)', () => {
  const start = useServices();

  it('offers Retry for it; the retry moves it and "n of m" still counts each VM once', async () => {
    const world = await openWorld(start, { preset: 'demo', faults: [{ operation: 'memory.copy', target: 'DC0_C0_H1_VM3', count: 1 }] });
    const m = world.services;
    m.maintenance.enter(H1, 'alice');
    await world.clock.advanceUntil(() => m.engine.tasks().length === 0, 3600_000, 500);
    const failed = m.maintenance.progress(H1);
    expect(failed).toMatchObject({ stage: 'cannot-finish', moved: 4, total: 5 });
    expect(failed.blocked.find((b) => b.vmName === 'DC0_C0_H1_VM3')?.actions).toEqual(['retry']);

    expect(m.maintenance.moveBlocked(H1, 'DC0_C0_H1_VM3', 'retry', 'alice')).toMatchObject({ stage: 'entering', moved: 4, total: 5 });
    await world.clock.advanceUntil(() => m.engine.tasks().length === 0, 3600_000, 500);
    expect(m.inventory.vm('DC0_C0_H1_VM3')?.hostId).not.toBe(H1);
    const after = m.maintenance.progress(H1);
    expect(after).toMatchObject({ moved: 5, total: 5 });
    expect(after.blocked.map((b) => b.vmName)).toEqual(['DC0_C0_H1_VM5']);
  });
});
