import { describe, expect, it } from 'vitest';
import { cronProblem } from '../../src/renderer/src/components/describe-cron';
import { scheduleBlocker, scheduleProblems } from '../../src/renderer/src/features/wizard/schedule-checks';
import { initialWizardState, type WizardState } from '../../src/renderer/src/features/wizard/wizard-state';
import { scheduleName } from '../../src/renderer/src/features/wizard/schedule-edit';
import { ScheduleInput } from '../../src/shared/model/schedule';
import { withWall } from '../../src/renderer/src/features/wizard/once-time';
import { formatInZone } from '../../src/renderer/src/components/zone-time';
import { whenOf } from '../../src/renderer/src/features/schedules/schedule-summary';
import { onceTwiceNote, runWords } from '../../src/renderer/src/features/wizard/schedule-dst';

const recurring = (patch: Partial<WizardState> = {}, cron = '0 2 * * 1-5', timezone = 'Europe/Rome'): WizardState => ({
  ...initialWizardState(['vm-1'], 'h1'),
  schedule: { kind: 'recurring', cron, timezone },
  ...patch,
});

describe('the Schedule step checked at its fields', () => {
  it.each(['0 2 * * 1-5', '*/15 * * * *', '30 3 1,15 JAN-MAR SUN', '0 0 * * 7'])('accepts %s', (cron) => {
    expect(cronProblem(cron)).toBeNull();
  });

  it.each([
    ['bogus cron', /Five fields are needed/],
    ['0 2 * *', /this has 4/],
    ['0 25 * * *', /hour "25"/],
    ['61 * * * *', /minute "61"/],
    ['0 2 * 13 *', /month "13"/],
    ['0 2 * * MONDAY', /weekday "MONDAY"/],
  ])('says what is wrong with %s, in words', (cron, words) => {
    expect(cronProblem(cron)).toMatch(words);
  });

  it('review 2, F13: a cron that never fires and a name of only spaces are said at their fields; the contract refuses the name too', () => {
    expect(scheduleProblems(recurring({}, '0 2 31 2 *')).cron).toMatch(/never fires/);
    expect(scheduleProblems(recurring({}, '0 2 30 4 *')).cron).toBeUndefined();
    expect(scheduleProblems(recurring({ name: '   ' })).name).toMatch(/only spaces/);
    expect(scheduleProblems(recurring({ name: '' })).name).toBeUndefined();
    expect(scheduleName('  Nightly  ', ['VM0'], false)).toBe('Nightly');
    expect(ScheduleInput.shape.name.safeParse('   ').success).toBe(false);
    expect(ScheduleInput.shape.name.safeParse(' a ').success).toBe(true);
  });

  it('flags each bad field, and nothing for a good schedule or "now"', () => {
    expect(scheduleProblems(recurring())).toEqual({});
    expect(scheduleProblems(initialWizardState(['vm-1']))).toEqual({});
    const bad = scheduleProblems(
      recurring({ name: 'x'.repeat(121), windowMinutes: -3, graceMinutes: Number.NaN }, 'bogus cron', 'Mars/Base'),
    );
    expect(Object.keys(bad)).toEqual(['cron', 'timezone', 'name', 'window', 'grace']);
    expect(bad.name).toBe('At most 120 characters (this has 121).');
    expect(Object.values(bad).join(' ')).not.toMatch(/[A-Z]{3,}_[A-Z]+|CronPattern|expected/);
    expect(scheduleProblems(recurring({ windowMinutes: 1.5 })).window).toBeTruthy();
    expect(scheduleProblems(recurring({ windowMinutes: null })).window).toBeUndefined();
  });

  it("names the first field to correct beside the wizard's disabled Next", () => {
    expect(scheduleBlocker(recurring({}, '0 2 * * 1-5', 'Mars/Base'))).toBe("Correct the schedule's time zone (Schedule step).");
    expect(scheduleBlocker(recurring())).toBeNull();
  });

  // Found by review: a valid cron of 177 characters passed the field and was refused on the last page.
  it('says the cron expression is too long at its field', () => {
    const long = `${Array.from({ length: 60 }, (_, i) => i).join(',')} 2 * * *`;
    expect(cronProblem(long)).toBe(`At most 120 characters (this has ${long.length}).`);
  });

  // Found by review: the name the wizard composes (a batch's VM names, a destination's suffix) passed
  // 120 characters and the server refused the schedule on the last page.
  it('composes schedule names that fit what the server stores, never splitting a character', () => {
    const vms = Array.from({ length: 9 }, (_, i) => `DC0_C0_H1_VM${i}`);
    expect(scheduleName('', vms, false)).toBe(`Migrate ${vms.join(', ')}`.slice(0, 119) + '…');
    expect(scheduleName('', vms, false)).toHaveLength(120);
    expect(scheduleName('x'.repeat(120), ['DC0_C0_H1_VM4'], true)).toHaveLength(120);
    expect(scheduleName('nightly', ['vm-1'], true)).toBe('nightly (vm-1)');
    expect(scheduleName('nightly', ['vm-1'], false)).toBe('nightly');
    const emoji = scheduleName('😀'.repeat(70), ['vm-1'], true);
    expect(emoji.length).toBeLessThanOrEqual(120);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half of a character left
  });

  // Review 5, F4: 1 Jan 2020 10:00 was taken without a word, and the 02:30 of a spring-forward night became 03:30.
  describe('a one-off time', () => {
    const now = Date.parse('2026-11-27T03:00:00Z');
    const once = (wall: string, timezone = 'Europe/Rome'): WizardState => ({
      ...initialWizardState(['vm-1'], 'h1'),
      schedule: withWall({ kind: 'once', at: '2026-11-28T00:00:00.000Z', timezone }, wall),
    });

    it('that has passed is said at the field, and blocks Next', () => {
      expect(scheduleProblems(once('2020-01-01T10:00'), now).at).toBe(
        'This time has passed (1 Jan 2020, 10:00 Europe/Rome): choose a time still to come.',
      );
      expect(scheduleBlocker(once('2020-01-01T10:00'), now)).toBe("Correct the schedule's start time (Schedule step).");
      expect(scheduleProblems(once('2026-11-28T10:00'), now)).toEqual({});
    });

    it('within the minute the server allows for clock skew (the current minute) is taken: it runs at once', () => {
      expect(scheduleProblems(once('2026-11-27T03:00', 'UTC'), now + 40_000)).toEqual({});
      expect(scheduleProblems(once('2026-11-27T02:58', 'UTC'), now + 40_000).at).toMatch(/has passed/);
    });

    it('that does not exist in the zone (the DST gap) is refused, saying why and what exists instead', () => {
      // Europe/Rome jumps from 02:00 to 03:00 on 28 March 2027.
      expect(scheduleProblems(once('2027-03-28T02:30'), now).at).toBe(
        '02:30 does not exist on 28 Mar 2027 in Europe/Rome: the clocks go forward then. Choose another time, e.g. 03:30.',
      );
      expect(scheduleProblems(once('2027-03-28T03:30'), now)).toEqual({});
      expect(scheduleProblems(once('2027-03-28T02:30', 'UTC'), now)).toEqual({});
    });
  });

  it('shows the year of a time outside the current one, in the Scheduled view and the next runs', () => {
    const now = Date.parse('2026-11-27T03:00:00Z');
    expect(formatInZone('2020-01-01T09:00:00.000Z', 'Europe/Rome', now)).toBe('Wed 1 Jan 2020 10:00');
    expect(formatInZone('2026-12-01T09:00:00.000Z', 'Europe/Rome', now)).toBe('Tue 1 Dec 10:00');
    const s = { timing: { kind: 'once', at: '2020-01-01T09:00:00.000Z', timezone: 'Europe/Rome' } } as Parameters<typeof whenOf>[0];
    expect(whenOf(s)).toBe('once, Wed 1 Jan 2020 10:00 Europe/Rome');
  });
});

describe("a schedule's times on the nights its zone's clocks change (new-user review 13, 11)", () => {
  it('says which of the two a one-off time that comes twice is, and nothing for an ordinary night', () => {
    const first = withWall({ kind: 'once', at: '', timezone: 'Europe/Rome', wall: '' }, '2027-10-31T02:30');
    if (first.kind !== 'once') throw new Error('not once');
    expect(onceTwiceNote(first.at, 'Europe/Rome')).toBe(
      '02:30 comes twice that night in Europe/Rome (the clocks go back): it runs at the first, UTC+2.',
    );
    expect(onceTwiceNote('2027-10-30T00:30:00.000Z', 'Europe/Rome')).toBeNull();
  });

  it('marks a cron run the clocks moved, and no other', () => {
    expect(runWords('30 2 * 3 0', 'Europe/Rome', '2027-03-28T01:00:00.000Z')).toMatch(
      /03:00 \(the clocks skip the time it names that night\)$/,
    );
    expect(runWords('30 2 * 3 0', 'Europe/Rome', '2027-03-21T01:30:00.000Z')).toMatch(/02:30$/);
  });
});
