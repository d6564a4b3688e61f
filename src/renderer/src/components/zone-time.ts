// Times in a schedule's own zone, whatever the browser's: shown as that zone's wall clock, and a
// wall-clock time typed for that zone turned into the instant it means (DST included).

const parts = (ms: number, timeZone: string): Record<string, string> =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );

/** "Fri 27 Nov 02:00" on the zone's wall clock; "Wed 1 Jan 2020 10:00" outside the zone's current year. */
export function formatInZone(iso: string, timeZone: string, nowMs = Date.now()): string {
  const p = parts(Date.parse(iso), timeZone);
  // Without its year, a time long past reads like one to come (review 5, F4).
  const year = p.year === parts(nowMs, timeZone).year ? '' : ` ${p.year}`;
  return `${p.weekday} ${p.day} ${p.month}${year} ${p.hour}:${p.minute}`;
}

/** "28 Mar 2027": the day of that instant on the zone's calendar. */
export function formatDayInZone(iso: string, timeZone: string): string {
  const p = parts(Date.parse(iso), timeZone);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "26 Nov 2026, 21:26 Europe/Rome": a schedule's time in full, on its zone's 24-hour clock, the zone named. */
export function formatFullInZone(iso: string, zone: string): string {
  // A zone still being typed is no zone: the instant is said in UTC, named so.
  const timeZone = isKnownZone(zone) ? zone : 'UTC';
  const p = parts(Date.parse(iso), timeZone);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${timeZone}`;
}

const numericParts = (ms: number, timeZone: string) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

/** How far the zone's wall clock is ahead of UTC at that instant, ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = numericParts(ms, timeZone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The value of a datetime-local input for this instant on the zone's wall clock ("2026-11-27T02:00"). */
export function toZoneInput(iso: string, timeZone: string): string {
  const p = numericParts(Date.parse(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}T${String(+p.hour % 24).padStart(2, '0')}:${p.minute}`;
}

/** The instant a wall-clock time ("2026-11-27T02:00") means in the zone, as ISO; null when unreadable. */
export function fromZoneInput(local: string, timeZone: string): string | null {
  const m = local.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Twice: the offset at the first guess may differ across a DST change.
  let ms = wall - offsetAt(wall, timeZone);
  ms = wall - offsetAt(ms, timeZone);
  // A time the clocks show twice (they go back) means the first of the two, as a cron's does.
  const earlier = ms - 3_600_000;
  if (toZoneInput(new Date(earlier).toISOString(), timeZone) === local) ms = earlier;
  return new Date(ms).toISOString();
}

/** Whether the browser knows the zone (a typo shows as an error, not as UTC). */
export function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
