import { describe, expect, it } from 'vitest';
import { evacuationBarText, evacuationWords } from '../../src/renderer/src/features/maintenance/progress-words';
import { leftByFailbackWords } from '../../src/renderer/src/features/maintenance/plan-words';

const stuck = { moved: 2, total: 2, blocked: [{}] as never[] };

describe('an evacuation that cannot finish (new-user review, finding B)', () => {
  it("says so in the status bar's words, not 'Entering maintenance' beside a full bar", () => {
    expect(evacuationWords('cannot-finish', stuck)).toBe(
      'Cannot finish entering maintenance (2 of 2 moved): 1 VM cannot move; handle it below to finish',
    );
    expect(evacuationWords('entering', { moved: 1, total: 2, blocked: [] })).toBe('Entering maintenance (1 of 2 moved)');
  });

  it('its full bar tells a screen reader it cannot finish', () => {
    expect(evacuationBarText('cannot-finish', stuck)).toBe('2 of 2 moved; cannot finish: 1 VM cannot move');
    expect(evacuationBarText('entering', { moved: 1, total: 2, blocked: [] })).toBe('1 of 2 moved');
  });
});

// New-user review 16, 7: entering beside a failback under way said "0 of 4 moved" beside 9 VMs.
describe('an evacuation beside VMs leaving the host with their own move', () => {
  const byFailback = (n: number, home: string | null = 'DC0_C1_H2') =>
    Array.from({ length: n }, (_, i) => ({ vmName: `VM${i}`, toHostName: 'DC0_C1_H2', withFailbackOf: home }));

  it('says the host waits for them too, by the failback that moves them', () => {
    const p = { moved: 0, total: 4, blocked: [], leavingWithOwnMove: byFailback(5) };
    expect(evacuationWords('entering', p)).toBe('Entering maintenance (0 of 4 moved; 5 more leaving with the failback of DC0_C1_H2)');
    expect(evacuationBarText('entering', p)).toBe('0 of 4 moved; 5 more leaving with the failback of DC0_C1_H2');
  });

  it('says "their own move" when no one failback moves them all, and nothing once they have left', () => {
    const mixed = [...byFailback(1), ...byFailback(1, null)];
    expect(evacuationWords('entering', { moved: 1, total: 4, blocked: [], leavingWithOwnMove: mixed })).toBe(
      'Entering maintenance (1 of 4 moved; 2 more leaving with their own moves)',
    );
    expect(evacuationWords('entering', { moved: 1, total: 4, blocked: [], leavingWithOwnMove: byFailback(1, null) })).toBe(
      'Entering maintenance (1 of 4 moved; 1 more leaving with its own move)',
    );
    expect(evacuationWords('entering', { moved: 4, total: 4, blocked: [], leavingWithOwnMove: [] })).toBe(
      'Entering maintenance (4 of 4 moved)',
    );
  });
});

describe('what a failback did not move back (new-user review, finding A)', () => {
  it('is counted, with how many of those can go now', () => {
    expect(leftByFailbackWords(1, 0)).toBe('1 VM was not moved back to this host.');
    expect(leftByFailbackWords(3, 1)).toBe('3 VMs were not moved back to this host; 1 can move back now.');
  });
});
