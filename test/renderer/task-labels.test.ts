import { describe, expect, it } from 'vitest';
import { journalNote, outcomeLabel, stateLabel } from '../../src/renderer/src/components/task-labels';

describe('a task state in words', () => {
  it('says how an aborted move ended: nothing is rolled back for one that never started (review 5)', () => {
    const at = '2026-11-27T03:00:00.000Z';
    expect(stateLabel({ state: 'aborted', startedAt: null, cancelRequested: true })).toBe('Cancelled before it started');
    expect(stateLabel({ state: 'aborted', startedAt: null, cancelRequested: false })).toBe('Not started');
    expect(stateLabel({ state: 'aborted', startedAt: at, cancelRequested: true })).toBe('Cancelled, rolled back');
    expect(stateLabel({ state: 'aborted', startedAt: at, cancelRequested: false })).toBe('Rolled back');
    expect(stateLabel({ state: 'completed', startedAt: at, cancelRequested: false })).toBe('Completed');
  });

  // New-user review 7: the phase list read "Done (completed_with_problems)".
  it('reads a journal note that is a state code in the same words, and leaves other notes as written', () => {
    expect(journalNote('completed_with_problems')).toBe('completed with problems');
    expect(journalNote('completed')).toBe('completed');
    expect(journalNote('post-copy requested by the convergence policy')).toBe('post-copy requested by the convergence policy');
    expect(journalNote(null)).toBeNull();
  });

  // New-user review 7: the Audit view's Outcome read "completed_with_problems".
  it("gives an audit outcome the task grids' words, and any other outcome without its underscores", () => {
    expect(outcomeLabel('completed_with_problems')).toBe('Completed with problems');
    expect(outcomeLabel('failed')).toBe('Failed');
    expect(outcomeLabel('refused')).toBe('Refused');
    expect(outcomeLabel('not_found')).toBe('Not found');
    expect(outcomeLabel(null)).toBe('');
  });
});
