import { describe, expect, it } from 'vitest';
import { predictedDurationWords } from '../../src/renderer/src/features/wizard/steps/predicted-duration';

// New-user review 16, 2: "about 28 min 37 s" for a copy its give-up limit rolled back after 8 s.
describe("a prediction's Duration", () => {
  it('says when a copy that outlasts its give-up limit rolls back, and what it would have needed', () => {
    expect(predictedDurationWords({ durationMs: null, givesUp: { afterMs: 8_000, copyMs: 1_717_000 } })).toBe(
      'gives up after 8 s: its copy needs about 28 min 37 s',
    );
    expect(predictedDurationWords({ durationMs: null, givesUp: { afterMs: 3_840_000, copyMs: null } })).toBe(
      'gives up after 1 h 4 min: it does not converge',
    );
  });

  it('gives the duration of a move that finishes', () => {
    expect(predictedDurationWords({ durationMs: 93_000 })).toBe('about 1 min 33 s');
    expect(predictedDurationWords({ durationMs: null })).toBe('does not finish');
  });
});
