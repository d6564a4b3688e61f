import { describe, expect, it } from 'vitest';
import { describeBasis } from '../../src/renderer/src/components/prediction-basis';

const MiB = 1024 ** 2;

describe('describeBasis', () => {
  it('says a dirty rate was measured and the link learned, with how many migrations', () => {
    const words = describeBasis({
      dirtyRateBps: 8 * MiB,
      dirtyRateSource: 'measured',
      dirtyRateMeasuredAt: '2026-11-26T04:40:00.000Z',
      linkBps: 125e6,
      linkSource: 'learned',
      linkSamples: 3,
    });
    expect(words).toMatch(/dirty rate 8(\.0)? MiB\/s, measured /);
    expect(words).toMatch(/learned from 3 migrations/);
  });

  it('says when nothing was measured and the link is a default', () => {
    const words = describeBasis({
      dirtyRateBps: 0,
      dirtyRateSource: 'assumed',
      dirtyRateMeasuredAt: null,
      linkBps: 1.25e9,
      linkSource: 'assumed',
      linkSamples: 0,
    });
    expect(words).toMatch(/not measured yet, assumed/);
    expect(words).toMatch(/assumed$/);
  });

  it('has a dash for predictions made before Ferry recorded their basis', () => {
    expect(describeBasis(undefined)).toBe('—');
  });
});
