// The Schedule step's fields checked where they are typed, with the limits the contract enforces
// (src/shared/model/schedule.ts): the admin reads what to change at the field, and Next waits,
// instead of a server refusal quoting codes and a library's words on the last page.

import { Cron } from 'croner';
import { cronProblem } from '../../components/describe-cron';
import { formatDayInZone, formatFullInZone, isKnownZone, toZoneInput } from '../../components/zone-time';
import { onceSkewMs } from '../../../../shared/model/schedule';
import type { ScheduleChoice, WizardState } from './wizard-state';

export const nameLimit = 120;
const windowLimit = 24 * 60;
const graceLimit = 7 * 24 * 60;

export interface ScheduleProblems {
  at?: string;
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

/**
 * A one-off time that would not run as typed: one that has passed (Ferry refuses it too, allowing the
 * same minute of clock skew), or one the zone's clocks skip on a spring-forward night. That one is
 * refused rather than moved an hour on: the admin chooses, with the time that exists said.
 */
function onceProblem(s: Extract<ScheduleChoice, { kind: 'once' }>, nowMs: number): string | undefined {
  const zone = s.timezone;
  if (s.wall && toZoneInput(s.at, zone) !== s.wall) {
    const typed = s.wall.slice(11);
    return `${typed} does not exist on ${formatDayInZone(s.at, zone)} in ${zone}: the clocks go forward then. Choose another time, e.g. ${toZoneInput(s.at, zone).slice(11)}.`;
  }
  if (Date.parse(s.at) < nowMs - onceSkewMs) return `This time has passed (${formatFullInZone(s.at, zone)}): choose a time still to come.`;
  return undefined;
}

const wholeIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** Each field's problem in words; empty when the schedule can be saved (or the migration runs now). */
export function scheduleProblems(state: WizardState, nowMs = Date.now()): ScheduleProblems {
  const s = state.schedule;
  if (s.kind === 'now') return {};
  const problems: ScheduleProblems = {};
  const at = s.kind === 'once' && isKnownZone(s.timezone) ? onceProblem(s, nowMs) : undefined;
  if (at) problems.at = at;
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
  at: 'start time',
  cron: 'cron expression',
  timezone: 'time zone',
  name: 'name',
  window: 'window',
  grace: 'grace period',
};

/** The wizard's word beside the disabled Next: which field to correct. */
export function scheduleBlocker(state: WizardState, nowMs = Date.now()): string | null {
  const first = Object.keys(scheduleProblems(state, nowMs))[0] as keyof ScheduleProblems | undefined;
  return first ? `Correct the schedule's ${fieldNames[first]} (Schedule step).` : null;
}
