// A one-off schedule's time is the wall clock of its zone as the admin typed it: changing the zone
// afterwards keeps that wall-clock time and moves the instant, not the other way round.

import { fromZoneInput, isKnownZone, toZoneInput } from '../../components/zone-time';
import type { ScheduleChoice } from './wizard-state';

type Once = Extract<ScheduleChoice, { kind: 'once' }>;

/** The wall-clock time the Start field shows: as typed, else the instant on the zone's clock ('' while the zone is unknown). */
export function wallOf(s: Once): string {
  return s.wall ?? (isKnownZone(s.timezone) ? toZoneInput(s.at, s.timezone) : '');
}

/** A time typed into the Start field, meant on the schedule zone's clock (kept as typed while the zone is being typed). */
export function withWall(s: Once, wall: string): Once {
  if (!isKnownZone(s.timezone)) return { ...s, wall };
  const at = fromZoneInput(wall, s.timezone);
  return at ? { ...s, wall, at } : s;
}

/** Another zone: the wall-clock time stays as it reads, and means that time in the new zone once it is one. */
export function withZone(s: Once, timezone: string): Once {
  const wall = wallOf(s);
  const at = wall && isKnownZone(timezone) ? fromZoneInput(wall, timezone) : null;
  return { ...s, timezone, wall, ...(at ? { at } : {}) };
}
