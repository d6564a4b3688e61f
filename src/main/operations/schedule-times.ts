import { Cron } from 'croner';
import type { ScheduleTiming } from '../../shared/model/schedule';

export class InvalidScheduleError extends Error {
  override name = 'InvalidScheduleError';
}

function cronOf(cron: string, timezone: string): Cron {
  zoneOf(timezone);
  try {
    return new Cron(cron, { timezone, paused: true });
  } catch (error) {
    throw new InvalidScheduleError(`invalid cron expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The fire times strictly after `afterMs`, in order, at most `limit` (croner handles time zones and DST). */
export function runsAfter(timing: ScheduleTiming, afterMs: number, limit: number): number[] {
  if (timing.kind === 'once') {
    const at = Date.parse(timing.at);
    return at > afterMs ? [at] : [];
  }
  const cron = cronOf(timing.cron, timing.timezone);
  return cron.nextRuns(limit, new Date(afterMs)).map((d) => d.getTime());
}

/** Fire times in (fromMs, toMs], oldest first. */
export function runsBetween(timing: ScheduleTiming, fromMs: number, toMs: number, limit = 1000): number[] {
  return runsAfter(timing, fromMs, limit).filter((t) => t <= toMs);
}

export function validateTiming(timing: ScheduleTiming): void {
  if (timing.kind === 'recurring') cronOf(timing.cron, timing.timezone);
  else if (timing.timezone) zoneOf(timing.timezone);
}

function zoneOf(timezone: string): void {
  try {
    Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new InvalidScheduleError(`unknown time zone ${timezone}`);
  }
}
