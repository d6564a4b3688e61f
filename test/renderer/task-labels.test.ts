import { describe, expect, it } from 'vitest';
import type { WaitReason } from '../../src/shared/model/migration';
import { durationWords, journalNote, outcomeLabel, stateLabel, waitShort, waitText } from '../../src/renderer/src/components/task-labels';

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

  // New-user review 7, 3: "Waiting: DC0_C1_H1 migration link, held for the earlier migration of DC0_C1_H2_VM0" was cut in the State column.
  it('says why a move waits in a few words for the State column, the whole reason with its figures kept for the title and details', () => {
    const reason = (over: Partial<WaitReason>): WaitReason => ({
      kind: 'host',
      resourceId: 'host:H',
      resourceName: 'DC3_C9_H49',
      used: 8,
      cap: 8,
      cost: 4,
      ...over,
    });
    const reasons = [
      reason({}),
      reason({ kind: 'network', resourceId: 'net:H', resourceName: 'DC3_C9_H49 migration link' }),
      reason({ kind: 'datastore', resourceId: 'ds:D', resourceName: 'DC3_C9_H49_DS0', used: 128, cap: 128, cost: 16 }),
      reason({
        kind: 'priority',
        resourceId: 'net:H',
        resourceName: 'DC3_C9_H49 migration link, held for the earlier migration of DC3_C9_H49_VM19',
      }),
      reason({ kind: 'priority', resourceId: 'task-7', resourceName: 'high-priority migration of DC3_C9_H49_VM19' }),
      reason({ kind: 'unreachable', resourceId: 'H', resourceName: 'DC3_C9_H49' }),
    ];
    expect(reasons.map(waitShort)).toEqual([
      'host DC3_C9_H49 at cap',
      'DC3_C9_H49 link at cap',
      'datastore DC3_C9_H49_DS0 at cap',
      'behind an earlier move',
      'behind a high-priority move',
      'DC3_C9_H49 not answering',
    ]);
    // Three lines of the narrowest column, beside the "Queued" chip: no more words than that.
    for (const words of reasons.map(waitShort)) expect(words.length, words).toBeLessThanOrEqual(32);
    expect(waitText(reasons[3]!)).toBe('Waiting: DC3_C9_H49 migration link, held for the earlier migration of DC3_C9_H49_VM19');
    expect(waitShort(null)).toBe('');
  });
});

// New-user review 8 (m1): a queued task's detail read "Duration: 4 s predicted, running."
describe("a task's duration line", () => {
  const prediction = { durationMs: 4000 } as never;
  it('says a queued task has not started, a running one is running and a finished one took its time', () => {
    expect(durationWords({ state: 'queued', startedAt: null, prediction, outcome: null })).toBe('4 s predicted, not started');
    expect(durationWords({ state: 'running', startedAt: '2026-11-27T03:00:00.000Z', prediction, outcome: null })).toBe(
      '4 s predicted, running',
    );
    expect(durationWords({ state: 'aborted', startedAt: null, prediction, outcome: null })).toBe('4 s predicted, not started');
    expect(
      durationWords({ state: 'completed', startedAt: '2026-11-27T03:00:00.000Z', prediction, outcome: { durationMs: 5000 } as never }),
    ).toBe('4 s predicted, 5 s');
  });
});

// New-user review 17, 4: "Duration: — predicted, 8 s." for a move predicted to give up after 8 s.
it('says when a move predicted to outlast its give-up limit gives up', () => {
  const givingUp = { durationMs: null, givesUp: { afterMs: 8_000, copyMs: 1_059_000 } } as never;
  expect(
    durationWords({
      state: 'aborted',
      startedAt: '2026-11-27T03:00:00.000Z',
      prediction: givingUp,
      outcome: { durationMs: 8_400 } as never,
    }),
  ).toBe('predicted to give up after 8 s, 8 s');
});
