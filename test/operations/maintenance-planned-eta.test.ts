import { describe, expect, it } from 'vitest';
import { queuedEtaMs } from '../../src/renderer/src/features/tasks/convergence-note';
import { openWorld } from '../engine/harness';
import { useServices } from '../helpers/services';

// New-user review 14, 2 and 3: an evacuation's running moves read ETAs of their VM alone on the link
// (1 min 23 s where the plan said +3 min 55 s), and its queued moves read "—" though the plan had just
// given each its start and end.
describe("an evacuation's tasks start from the plan the admin confirmed", () => {
  const start = useServices();

  it("take each move's planned start and length as their prediction, so a queued move counts down to the plan's end", async () => {
    const world = await openWorld(start, { preset: 'large' });
    const m = world.services;
    const hostId = 'DC1_C2_H3';
    const plan = m.maintenance.plan(hostId);
    m.maintenance.enter(
      hostId,
      'alice',
      undefined,
      plan.moves.map((move) => move.vmId),
    );
    const tasks = m.engine.tasks().filter((t) => t.sourceHostId === hostId);
    expect(tasks).toHaveLength(plan.moves.length);
    const waited = plan.moves.filter((move) => move.startMs > 0);
    expect(waited.length).toBeGreaterThan(0);
    for (const move of plan.moves) {
      const task = tasks.find((t) => t.vmId === move.vmId);
      expect(task?.prediction?.startsInMs, move.vmName).toBe(move.startMs);
      expect(task?.prediction?.durationMs, move.vmName).toBe(move.endMs - move.startMs);
    }
    // A queued one's ETA is the plan's end, counted from its request.
    const last = waited[waited.length - 1];
    const queued = tasks.find((t) => t.vmId === last?.vmId && t.state === 'queued');
    if (!queued || !last) throw new Error('no queued move');
    const eta = queuedEtaMs(queued, Date.parse(queued.createdAt));
    expect(eta).toBeGreaterThanOrEqual(last.endMs);
  }, 60_000);
});
