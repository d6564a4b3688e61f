const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number, digits = 1): string {
  if (!Number.isFinite(bytes)) return '—';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${bytes < 0 ? '-' : ''}${value.toFixed(unit === 0 ? 0 : digits)} ${units[unit]}`;
}

export const formatRate = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`;

export function formatBits(bytesPerSecond: number): string {
  const bits = bytesPerSecond * 8;
  return bits >= 1e9 ? `${(bits / 1e9).toFixed(bits % 1e9 === 0 ? 0 : 1)} Gb/s` : `${(bits / 1e6).toFixed(0)} Mb/s`;
}

export const formatPercent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

export { formatDuration } from '../../../shared/model/duration';

// One way of writing a time everywhere (review 2, F10): the 24-hour clock, with the month by name, never
// the browser locale's default ("11/26/2026, 5:26:11 PM" beside "17:26:11"). Each format is made once:
// toLocaleTimeString with options builds a new one per call, and the Tasks grid writes hundreds a second.
const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const fullDate = new Intl.DateTimeFormat([], { year: 'numeric', month: 'short', day: 'numeric' });
const dayOfMonth = new Intl.DateTimeFormat([], { month: 'short', day: 'numeric' });
const count = new Intl.NumberFormat();
const clockOf = (at: Date): string => clock.format(at);

/** A date and time in full: "Nov 26, 2026 17:26:11". */
export const formatTime = (iso: string | null): string => (iso ? `${fullDate.format(new Date(iso))} ${clockOf(new Date(iso))}` : '—');

/** A time of day for a grid cell (with the date when it is not today); the full date and time (formatTime) go in its title. */
export function formatClock(iso: string | null, now = new Date()): string {
  if (!iso) return '—';
  const at = new Date(iso);
  const time = clockOf(at);
  return at.toDateString() === now.toDateString() ? time : `${dayOfMonth.format(at)} ${time}`;
}

/** A count of things (hosts, VMs, matches), its thousands grouped: "40,000" wherever a count shows (review 5, 17). */
export const formatCount = (n: number): string => count.format(n);
