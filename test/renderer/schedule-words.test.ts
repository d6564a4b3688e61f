import { describe, expect, it } from 'vitest';
import { scheduleWords } from '../../src/renderer/src/features/wizard/steps/schedule-words';
import { initialWizardState, type WizardState } from '../../src/renderer/src/features/wizard/wizard-state';

// New-user review 9, 6: Ready to complete ended with "It runs on the schedule 30 2 * * 1-5 (America/New_York)" beside a
// row reading "every weekday at 02:30", and said nothing of the schedule's name or grace.
const scheduled = (patch: Partial<WizardState>): WizardState => ({ ...initialWizardState([], 'h1', 'compute', true), ...patch });
// The last of the consequences Ready to complete lists (consequences.ts, tested whole in consequences.test.ts).
const last = (state: WizardState) => scheduleWords(state);

describe("a scheduled migration's last consequence", () => {
  it('names the schedule, reads its cron in words, and gives its window and grace', () => {
    const state = scheduled({
      schedule: { kind: 'recurring', cron: '30 2 * * 1-5', timezone: 'America/New_York' },
      name: 'nightly web drain',
      windowMinutes: 45,
      graceMinutes: 20,
    });
    expect(last(state)).toBe(
      'Saved as the schedule "nightly web drain", it runs every weekday at 02:30 America/New_York; each run is rolled back if it has not switched over within 45 minutes; a run missed while Ferry was not running still starts up to 20 minutes late.',
    );
  });

  it('says when it is named after its VMs, has no window, or no grace', () => {
    const state = scheduled({ schedule: { kind: 'recurring', cron: '0 3 * * *', timezone: 'UTC' }, windowMinutes: null, graceMinutes: 0 });
    expect(last(state)).toBe(
      'Saved as a schedule named after its VMs, it runs every day at 03:00 UTC; a run has no time limit to switch over; a run missed while Ferry was not running is skipped.',
    );
  });

  it('a one-time schedule says its name and grace too', () => {
    const state = scheduled({ name: 'once', windowMinutes: 1, graceMinutes: 1 });
    expect(last(state)).toMatch(
      /^Saved as the schedule "once", it starts at .+; it is rolled back if it has not switched over within 1 minute; if missed while Ferry was not running, it still starts up to 1 minute late\.$/,
    );
  });
});
