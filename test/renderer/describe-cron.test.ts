import { describe, expect, it } from 'vitest';
import { describeCron, describeRecurring } from '../../src/renderer/src/components/describe-cron';

describe('cron in words', () => {
  it.each([
    ['0 2 * * 1-5', 'every weekday at 02:00'],
    ['0 2 * * MON-FRI', 'every weekday at 02:00'],
    ['30 3 * * 6', 'every Saturday at 03:30'],
    ['30 1 * * 0', 'every Sunday at 01:30'],
    ['0 2 * * 0,6', 'every Saturday and Sunday at 02:00'],
    ['0 22 * * 1,3,5', 'every Monday, Wednesday and Friday at 22:00'],
    ['0 2 * * *', 'every day at 02:00'],
    ['0 2,14 * * *', 'every day at 02:00 and 14:00'],
    ['15 4 1 * *', 'on day 1 of every month at 04:15'],
    ['0 3 1 1,7 *', 'on day 1 of the month at 03:00 in January and July'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['5 * * * *', 'every hour at minute 5'],
    ['* * * * *', 'every minute'],
  ])('%s → %s', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });

  it.each(['0 2 * *', '61 2 * * *', '0 2 * * 1-9', '0 0 2 * * *', '0 L * * *', '* 2 * * *'])('does not guess at %s', (cron) => {
    expect(describeCron(cron)).toBeNull();
  });

  it("names the schedule's zone, and shows an expression it cannot read as it is", () => {
    expect(describeRecurring('0 2 * * 1-5', 'Europe/Rome')).toBe('every weekday at 02:00 Europe/Rome');
    expect(describeRecurring('0 0 2 * * *', 'UTC')).toBe('cron "0 0 2 * * *" UTC');
  });
});

describe("times in the schedule's zone", () => {
  it('shows the wall clock of the zone, and reads a wall-clock time typed for it (DST included)', async () => {
    const { formatInZone, fromZoneInput, toZoneInput } = await import('../../src/renderer/src/components/zone-time');
    expect(formatInZone('2026-11-27T01:00:00.000Z', 'Europe/Rome', Date.parse('2026-06-01T00:00:00Z'))).toBe('Fri 27 Nov 02:00');
    expect(formatInZone('2026-11-27T01:00:00.000Z', 'Asia/Tokyo', Date.parse('2026-06-01T00:00:00Z'))).toBe('Fri 27 Nov 10:00');
    expect(fromZoneInput('2026-11-27T02:00', 'Europe/Rome')).toBe('2026-11-27T01:00:00.000Z');
    expect(fromZoneInput('2026-07-01T02:00', 'Europe/Rome')).toBe('2026-07-01T00:00:00.000Z');
    expect(toZoneInput('2026-07-01T00:00:00.000Z', 'Europe/Rome')).toBe('2026-07-01T02:00');
    expect(fromZoneInput('not a time', 'UTC')).toBeNull();
  });
});
