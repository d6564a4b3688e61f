// A schedule and the migration wizard's state, both ways: editing a schedule opens the same steps
// as creating one, each filled with what the schedule does, and finishing saves every field.

import type { Schedule, ScheduleInput, ScheduleTiming } from '../../../../shared/model/schedule';
import { nameLimit } from './schedule-checks';
import { localTimeZone, type ScheduleChoice, type WizardState } from './wizard-state';

export function wizardStateOfSchedule(s: Schedule): WizardState {
  const r = s.request;
  const schedule: ScheduleChoice =
    s.timing.kind === 'once'
      ? { kind: 'once', at: s.timing.at, timezone: s.timing.timezone ?? localTimeZone }
      : { kind: 'recurring', cron: s.timing.cron, timezone: s.timing.timezone };
  return {
    vmIds: [...r.vmIds],
    type: r.type,
    destHostId: r.destHostId,
    vmDestinations: {},
    destDatastoreId: r.destDatastoreId,
    vmDatastores: {},
    priority: r.priority,
    options: r.options,
    acknowledged: [...r.acknowledgedWarnings],
    schedule,
    windowMinutes: s.windowMinutes,
    graceMinutes: s.graceMinutes,
    name: s.name,
  };
}

export function timingOf(choice: Exclude<ScheduleChoice, { kind: 'now' }>): ScheduleTiming {
  return choice.kind === 'once'
    ? { kind: 'once', at: choice.at, timezone: choice.timezone }
    : { kind: 'recurring', cron: choice.cron, timezone: choice.timezone };
}

/**
 * A schedule's name as stored: the typed one (a batch's destination adds its VMs in brackets), else
 * "Migrate" and the VMs; cut with "…" to what the contract stores, never splitting a character.
 */
export function scheduleName(typedAsIs: string, vmNames: readonly string[], onePerDestination: boolean): string {
  // Spaces around a name are not part of it.
  const typed = typedAsIs.trim();
  const whole = !typed ? `Migrate ${vmNames.join(', ')}` : onePerDestination ? `${typed} (${vmNames.join(', ')})` : typed;
  if (whole.length <= nameLimit) return whole;
  const cut = whole.slice(0, nameLimit - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** What the wizard schedules (or saves over an edited schedule), under the name `scheduleName` gives. */
export function scheduleInputOf(state: WizardState, request: ScheduleInput['request'], name: string): ScheduleInput | null {
  if (state.schedule.kind === 'now') return null;
  return {
    name,
    timing: timingOf(state.schedule),
    windowMinutes: state.windowMinutes,
    graceMinutes: state.graceMinutes,
    request,
  };
}
