import { describe, expect, it } from 'vitest';
import { describeBasis, predictionBasisWords } from '../../src/renderer/src/components/prediction-basis';

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

// New-user review 11, finding 7 (issue #14): a powered-off VM's prediction cited a dirty rate.
describe('predictionBasisWords', () => {
  const basis = {
    dirtyRateBps: 10 * MiB,
    dirtyRateSource: 'reported' as const,
    dirtyRateMeasuredAt: null,
    linkBps: 1.25e9,
    linkSource: 'configured' as const,
    linkSamples: 0,
  };

  it('says what a cold move is, with the disks it copies, and cites no dirty rate', () => {
    const words = predictionBasisWords({ strategy: 'cold', transferBytes: 20 * 1024 ** 3, basis });
    expect(words).toMatch(/^cold move: powered off, disks copied: 20(\.0)? GiB; link 10 Gb\/s, configured$/);
    expect(words).not.toMatch(/dirty/);
  });

  it('says a cold move copies no disk when they stay where they are', () => {
    expect(predictionBasisWords({ strategy: 'cold', transferBytes: 0, basis })).toBe(
      'cold move: powered off, no disk copied (only its definition moves)',
    );
  });

  it("gives a running guest's basis as before", () => {
    expect(predictionBasisWords({ strategy: 'precopy', transferBytes: 8 * MiB, basis })).toBe(describeBasis(basis));
    expect(predictionBasisWords(null)).toBe('—');
  });
});
