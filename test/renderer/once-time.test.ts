import { describe, expect, it } from 'vitest';
import { formatFullInZone } from '../../src/renderer/src/components/zone-time';
import { wallOf, withWall, withZone } from '../../src/renderer/src/features/wizard/once-time';

const once = { kind: 'once' as const, at: '2027-07-01T21:26:00.000Z', timezone: 'UTC' };

describe("a one-off schedule's time: the wall clock of its zone, as typed", () => {
  it('keeps the typed wall-clock time when the zone changes afterwards, and means it in the new zone (review 3, F4)', () => {
    const typed = withWall(once, '2027-07-01T21:26');
    const rome = withZone(typed, 'Europe/Rome');
    expect(wallOf(rome)).toBe('2027-07-01T21:26');
    expect(rome.at).toBe('2027-07-01T19:26:00.000Z');
  });

  it('keeps it through names that are no zone yet, as an admin types "Europe/Rome" letter by letter', () => {
    let s = withWall(once, '2027-01-10T02:00');
    for (const name of ['', 'E', 'Europe/R', 'Europe/Rome']) s = withZone(s, name);
    expect(wallOf(s)).toBe('2027-01-10T02:00');
    expect(s.at).toBe('2027-01-10T01:00:00.000Z');
  });

  it("shows a stored schedule's instant on its zone's clock until something is typed", () => {
    expect(wallOf({ ...once, timezone: 'America/New_York' })).toBe('2027-07-01T17:26');
    expect(wallOf({ ...once, timezone: 'Mars/Base' })).toBe('');
  });
});

describe("a schedule's time in full (review 3, F3)", () => {
  it("reads on the zone's 24-hour clock with the zone named, whatever the browser's", () => {
    expect(formatFullInZone('2026-11-26T20:26:00.000Z', 'Europe/Rome')).toBe('26 Nov 2026, 21:26 Europe/Rome');
    expect(formatFullInZone('2026-11-27T01:30:00.000Z', 'America/New_York')).toBe('26 Nov 2026, 20:30 America/New_York');
  });

  it('says the instant in UTC, named so, while the zone is not one yet', () => {
    expect(formatFullInZone('2026-11-26T20:26:00.000Z', 'Europe/R')).toBe('26 Nov 2026, 20:26 UTC');
  });
});
