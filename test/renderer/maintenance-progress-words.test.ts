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

describe('what a failback did not move back (new-user review, finding A)', () => {
  it('is counted, with how many of those can go now', () => {
    expect(leftByFailbackWords(1, 0)).toBe('1 VM was not moved back to this host.');
    expect(leftByFailbackWords(3, 1)).toBe('3 VMs were not moved back to this host; 1 can move back now.');
  });
});
