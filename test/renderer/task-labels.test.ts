import { describe, expect, it } from 'vitest';
import { stateLabel } from '../../src/renderer/src/components/task-labels';

describe('a task state in words', () => {
  it('says how an aborted move ended: nothing is rolled back for one that never started (review 5)', () => {
    const at = '2026-11-27T03:00:00.000Z';
    expect(stateLabel({ state: 'aborted', startedAt: null, cancelRequested: true })).toBe('Cancelled before it started');
    expect(stateLabel({ state: 'aborted', startedAt: null, cancelRequested: false })).toBe('Not started');
    expect(stateLabel({ state: 'aborted', startedAt: at, cancelRequested: true })).toBe('Cancelled, rolled back');
    expect(stateLabel({ state: 'aborted', startedAt: at, cancelRequested: false })).toBe('Rolled back');
    expect(stateLabel({ state: 'completed', startedAt: at, cancelRequested: false })).toBe('Completed');
  });
});
