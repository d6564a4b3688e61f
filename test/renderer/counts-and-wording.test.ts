import { describe, expect, it } from 'vitest';
import { describeBasis } from '../../src/renderer/src/components/prediction-basis';
import { formatCount } from '../../src/renderer/src/components/format';
import { counted } from '../../src/renderer/src/components/plural';
import { waitText } from '../../src/renderer/src/components/task-labels';
import { checkHeading } from '../../src/renderer/src/features/wizard/steps/check-heading';
import { exitReportWords } from '../../src/renderer/src/features/maintenance/exit-report-words';

// Review 5, findings 17 and 18: one way of writing a count, and no word said twice.
describe('counts are written one way everywhere', () => {
  it('groups thousands (the status bar, the search and the summaries write counts with these)', () => {
    expect(formatCount(40000)).toBe('40,000');
    expect(counted(2000, 'host')).toBe('2,000 hosts');
    expect(counted(1, 'VM')).toBe('1 VM');
  });
});

describe('wording', () => {
  it('a wait on a migration link names the link once', () => {
    const words = waitText({
      kind: 'network',
      resourceId: 'DC0_C1_H1',
      resourceName: 'DC0_C1_H1 migration link',
      used: 4,
      cap: 4,
      cost: 1,
    });
    expect(words).toBe('Waiting for the DC0_C1_H1 migration link (4 of 4 used, needs 1)');
    expect(waitText({ kind: 'host', resourceId: 'H', resourceName: 'DC0_C1_H1', used: 8, cap: 8, cost: 1 })).toBe(
      'Waiting for the host cap of DC0_C1_H1 (8 of 8 used, needs 1)',
    );
  });

  it('a check that names its VM is not headed by the name again', () => {
    expect(checkHeading('DC0_C0_H0_VM3', 'DC0_C0_H0_VM3 dirties memory at 1.6 GiB/s.')).toBe('DC0_C0_H0_VM3 dirties memory at 1.6 GiB/s.');
    expect(checkHeading('DC0_C0_H0_VM3', 'DC0_C0_H2 has 1 GiB free.')).toBe('DC0_C0_H0_VM3: DC0_C0_H2 has 1 GiB free.');
    expect(checkHeading(undefined, 'DC0_C0_H2 has 1 GiB free.')).toBe('DC0_C0_H2 has 1 GiB free.');
  });

  it('a learned link leaves out costs it did not measure (no "0 ms besides the copy and a 0 ms switchover")', () => {
    const basis = {
      dirtyRateBps: 0,
      dirtyRateSource: 'assumed',
      dirtyRateMeasuredAt: null,
      linkBps: 1.25e9,
      linkSource: 'learned',
      linkSamples: 1,
    } as const;
    expect(describeBasis({ ...basis, fixedMs: 0, switchoverMs: 0 })).toMatch(/; link 10 Gb\/s, learned from 1 migration$/);
    expect(describeBasis({ ...basis, fixedMs: 2000, switchoverMs: 40 })).toMatch(
      /; link 10 Gb\/s, 2 s besides the copy and a 40 ms switchover, learned from 1 migration$/,
    );
  });

  it('leaving maintenance names one cancelled or finishing move in the singular (new-user review)', () => {
    expect(exitReportWords({ cancelled: ['DC0_C0_H1_VM3'], finishing: ['DC0_C0_H1_VM1'], moved: [] })).toEqual([
      'Cancelled the move of DC0_C0_H1_VM3: it stays on this host.',
      'Past the point of no return, DC0_C0_H1_VM1 finishes its move.',
    ]);
    expect(exitReportWords({ cancelled: ['A', 'B'], finishing: ['C', 'D'], moved: ['E'] })).toEqual([
      'Cancelled the moves of A, B: they stay on this host.',
      'Past the point of no return, C, D finish their moves.',
      'Already moved: E.',
    ]);
  });
});
