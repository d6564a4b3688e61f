import { describe, expect, it } from 'vitest';
import { describeObserved } from '../../src/renderer/src/components/observed-downtime';

describe('the observed downtime in words', () => {
  it('gives the figure, and says why there is none according to how the move ended', () => {
    expect(describeObserved(137, 'completed')).toBe('137 ms observed (the guest did not answer from here for that long)');
    expect(describeObserved(null, 'running')).toMatch(/once it switches over/);
    expect(describeObserved(null, 'completed')).toMatch(/could not be reached from this console/);
    expect(describeObserved(null, 'aborted')).toMatch(/did not switch over/);
    expect(describeObserved(null, 'failed')).not.toMatch(/could not be reached/);
  });
});
