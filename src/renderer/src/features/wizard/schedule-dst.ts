// What a schedule's zone does to its times on the nights its clocks change: a one-off time that
// comes twice (the clocks go back) is the first of the two, and a cron run whose time the clocks
// skip (they go forward) runs at the first minute that exists. Both were silent (new-user review 13, 11).

import { Cron } from 'croner';
import { formatInZone, toZoneInput } from '../../components/zone-time';

const hour = 3_600_000;

/** How far the zone's wall clock is from UTC at an instant, as "UTC+2". */
function utcOffsetOf(ms: number, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  return (name ?? 'GMT').replace('GMT', 'UTC') || 'UTC';
}

/** The note for a one-off time the zone's clock shows twice that night; null when it comes once. */
export function onceTwiceNote(atIso: string, timeZone: string): string | null {
  const at = Date.parse(atIso);
  const wall = toZoneInput(atIso, timeZone);
  const again = [at - hour, at + hour].find((ms) => toZoneInput(new Date(ms).toISOString(), timeZone) === wall);
  if (again === undefined) return null;
  const first = Math.min(at, again);
  return `${wall.slice(11)} comes twice that night in ${timeZone} (the clocks go back): it runs at the ${
    first === at ? 'first' : 'second'
  }, ${utcOffsetOf(at, timeZone)}.`;
}

/** A next run as the Schedule step lists it, with a word when the clocks skipped the time its cron names. */
export function runWords(cron: string, timeZone: string, iso: string): string {
  const shown = formatInZone(iso, timeZone);
  let named: boolean;
  try {
    named = new Cron(cron, { timezone: timeZone, paused: true }).match(new Date(iso));
  } catch {
    return shown;
  }
  return named ? shown : `${shown} (the clocks skip the time it names that night)`;
}
