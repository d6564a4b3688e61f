// The Schedule step's fields checked where they are typed, with the limits the contract enforces
// (src/shared/model/schedule.ts): the admin reads what to change at the field, and Next waits,
// instead of a server refusal quoting codes and a library's words on the last page.

import { Cron } from 'croner';
import { cronProblem } from '../../components/describe-cron';
import { isKnownZone } from '../../components/zone-time';
import type { WizardState } from './wizard-state';

export const nameLimit = 120;
const windowLimit = 24 * 60;
const graceLimit = 7 * 24 * 60;

export interface ScheduleProblems {
  cron?: string;
  timezone?: string;
  name?: string;
  window?: string;
  grace?: string;
}

/** Fields each fine, yet no date matches (croner, as the console's scheduler reads it, finds no next run). */
function neverFires(cron: string, timezone: string): boolean {
  try {
    return new Cron(cron, { timezone, paused: true }).nextRun() === null;
  } catch {
    return false;
  }
}

const wholeIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** Each field's problem in words; empty when the schedule can be saved (or the migration runs now). */
export function scheduleProblems(state: WizardState): ScheduleProblems {
  const s = state.schedule;
  if (s.kind === 'now') return {};
  const problems: ScheduleProblems = {};
  const cron = s.kind === 'recurring' ? cronProblem(s.cron) : null;
  if (cron) problems.cron = cron;
  if (!isKnownZone(s.timezone)) problems.timezone = 'Unknown time zone: use an IANA name such as Europe/Rome.';
  else if (s.kind === 'recurring' && !cron && neverFires(s.cron, s.timezone))
    problems.cron = 'This never fires (no such day: 31 February, 31 April…): choose days that exist.';
  if (state.name.length > nameLimit) problems.name = `At most ${nameLimit} characters (this has ${state.name.length}).`;
  else if (state.name !== '' && state.name.trim() === '')
    problems.name = 'A name of only spaces: type a name, or leave it empty to name it after its VMs.';
  if (state.windowMinutes !== null && !wholeIn(state.windowMinutes, 1, windowLimit))
    problems.window = `Whole minutes, at least 1 and at most ${windowLimit} (a day); empty for no window.`;
  if (!wholeIn(state.graceMinutes, 0, graceLimit)) problems.grace = `Whole minutes, from 0 to ${graceLimit} (a week).`;
  return problems;
}

const fieldNames: Record<keyof ScheduleProblems, string> = {
  cron: 'cron expression',
  timezone: 'time zone',
  name: 'name',
  window: 'window',
  grace: 'grace period',
};

/** The wizard's word beside the disabled Next: which field to correct. */
export function scheduleBlocker(state: WizardState): string | null {
  const first = Object.keys(scheduleProblems(state))[0] as keyof ScheduleProblems | undefined;
  return first ? `Correct the schedule's ${fieldNames[first]} (Schedule step).` : null;
}
