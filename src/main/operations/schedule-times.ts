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

/**
 * The latest `limit` fire times in (fromMs, toMs], oldest first, and whether earlier ones were left
 * out. Counted back from `toMs`, so a week of a five-minute schedule still yields the run due last.
 */
export function latestRunsBetween(timing: ScheduleTiming, fromMs: number, toMs: number, limit: number): { runs: number[]; more: boolean } {
  if (timing.kind === 'once') {
    const at = Date.parse(timing.at);
    return { runs: at > fromMs && at <= toMs ? [at] : [], more: false };
  }
  // croner counts back from strictly before its reference, which it takes to the second.
  const back = cronOf(timing.cron, timing.timezone)
    .previousRuns(limit + 2, new Date(toMs + 1000))
    .map((d) => d.getTime())
    .filter((t) => t > fromMs && t <= toMs);
  return { runs: back.slice(0, limit).reverse(), more: back.length > limit };
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
