import { describe, expect, it } from 'vitest';
import { initiatorOf } from '../../src/renderer/src/features/tasks/initiator';

describe('who started a move, in one word for the task grids (review 3, F8)', () => {
  it.each([
    ['failback of maintenance of DC0_C1_H2 (on behalf of ops)', 'failback', 'Failback'],
    ['maintenance of DC0_C1_H2 (on behalf of ops)', 'maintenance', 'Maintenance'],
    ['scheduler (on behalf of ops)', 'schedule', 'Schedule'],
    ['balancer (policy of DC0_C0)', 'balancer', 'Balancer'],
    ['alice', 'person', 'alice'],
  ])('%s → %s', (requestedBy, kind, word) => {
    expect(initiatorOf(requestedBy)).toEqual({ kind, word });
  });

  it("an admin named like a word of Ferry's stays a person", () => {
    expect(initiatorOf('maintenance-team').kind).toBe('person');
  });
});
