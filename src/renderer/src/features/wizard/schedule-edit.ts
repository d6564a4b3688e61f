// A schedule and the migration wizard's state, both ways: editing a schedule opens the same steps
// as creating one, each filled with what the schedule does, and finishing saves every field.

import type { Schedule, ScheduleInput, ScheduleTiming } from '../../../../shared/model/schedule';
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

/** What the wizard schedules (or saves over an edited schedule); `fallbackName` when none was typed. */
export function scheduleInputOf(state: WizardState, request: ScheduleInput['request'], fallbackName: string): ScheduleInput | null {
  if (state.schedule.kind === 'now') return null;
  return {
    name: state.name || fallbackName,
    timing: timingOf(state.schedule),
    windowMinutes: state.windowMinutes,
    graceMinutes: state.graceMinutes,
    request,
  };
}
