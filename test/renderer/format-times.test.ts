import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatTime } from '../../src/renderer/src/components/format';

// The formats are made once (the Tasks grid writes hundreds of times a second): each must still
// write what the locale's own toLocale… calls with the same options write.
describe('times and counts, formats made once', () => {
  const clock = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
  const instants = ['2026-11-27T00:05:09.000Z', '2026-02-28T23:59:59.999Z', '2026-07-04T12:00:00.000Z'];

  it('writes a date and time in full as the locale does', () => {
    for (const iso of instants) {
      const at = new Date(iso);
      expect(formatTime(iso)).toBe(
        `${at.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' })} ${at.toLocaleTimeString([], clock)}`,
      );
    }
    expect(formatTime(null)).toBe('—');
  });

  it('writes a time of day, with the day when it is not today', () => {
    const at = new Date(instants[0]!);
    expect(formatClock(instants[0]!, at)).toBe(at.toLocaleTimeString([], clock));
    const nextWeek = new Date(at.getTime() + 7 * 86_400_000);
    expect(formatClock(instants[0]!, nextWeek)).toBe(
      `${at.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${at.toLocaleTimeString([], clock)}`,
    );
  });

  it('groups the thousands of a count', () => {
    for (const n of [0, 7, 40_000, 1_234_567]) expect(formatCount(n)).toBe(n.toLocaleString());
  });
});
