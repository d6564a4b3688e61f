// Cron expressions in words, as the Scheduled view and the wizard show them: "every weekday at
// 02:00", "every Saturday and Sunday at 03:30", "every 15 minutes". Five fields (minute hour
// day-of-month month day-of-week), numbers, lists, ranges, steps and English names; anything else
// is shown as the expression itself, never guessed.

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dayAliases = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const monthAliases = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The values a field takes, sorted, or null for `*` (any) or what cannot be read. */
function values(field: string, min: number, max: number, aliases: readonly string[] = [], aliasBase = 0): number[] | 'any' | null {
  if (field === '*' || field === '?') return 'any';
  const out = new Set<number>();
  const num = (text: string): number | null => {
    const alias = aliases.indexOf(text.toUpperCase());
    if (alias >= 0) return alias + aliasBase;
    return /^\d+$/.test(text) ? Number(text) : null;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!range || !Number.isInteger(step) || step < 1) return null;
    let from: number | null;
    let to: number | null;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [num(a ?? ''), num(b ?? '')];
    } else {
      from = num(range);
      to = stepText === undefined ? from : max;
    }
    if (from === null || to === null || from < min || to > max || from > to) return null;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

const two = (n: number) => String(n).padStart(2, '0');
const list = (words: readonly string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function daysOfWeek(days: number[]): string {
  const normal = [...new Set(days.map((d) => d % 7))].sort((a, b) => a - b);
  if (sameList(normal, [1, 2, 3, 4, 5])) return 'every weekday';
  if (sameList(normal, [0, 6])) return 'every Saturday and Sunday';
  if (normal.length === 7) return 'every day';
  // Monday first, as a week is read.
  const ordered = [...normal.filter((d) => d !== 0), ...normal.filter((d) => d === 0)];
  return `every ${list(ordered.map((d) => dayNames[d] as string))}`;
}

/** The cron expression in words, or null when it is not one this describer reads. */
export function describeCron(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [m, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const minutes = values(m, 0, 59);
  const hours = values(h, 0, 23);
  const days = values(dom, 1, 31);
  const months = values(mon, 1, 12, monthAliases, 1);
  const weekdays = values(dow, 0, 7, dayAliases);
  if (!minutes || !hours || !days || !months || !weekdays) return null;

  let when: string;
  if (minutes === 'any' && hours === 'any') when = 'every minute';
  else if (minutes === 'any') return null;
  else if (hours === 'any') {
    const step = m.match(/^(?:\*|0)\/(\d+)$/);
    when = step ? `every ${step[1]} minutes` : `every hour at minute ${list(minutes.map(String))}`;
  } else if (hours.length * minutes.length > 6) return null;
  else when = `at ${list(hours.flatMap((hh) => minutes.map((mm) => `${two(hh)}:${two(mm)}`)))}`;

  const inMonths = months === 'any' ? '' : ` in ${list(months.map((x) => monthNames[x - 1] as string))}`;
  const parts: string[] = [];
  if (days === 'any' && weekdays === 'any') parts.push(hours === 'any' ? '' : 'every day');
  else if (days !== 'any' && weekdays === 'any')
    parts.push(`on day ${list(days.map(String))} of ${months === 'any' ? 'every month' : 'the month'}`);
  else if (days === 'any' && weekdays !== 'any') parts.push(daysOfWeek(weekdays));
  // Both set: cron fires on either (its OR rule).
  else if (days !== 'any' && weekdays !== 'any') parts.push(`on day ${list(days.map(String))} or ${daysOfWeek(weekdays)}`);
  const day = parts.filter(Boolean).join(' ');
  return [day, when].filter(Boolean).join(' ') + inMonths;
}

/** A schedule's timing in words with its zone: "every weekday at 02:00 Europe/Rome". */
export function describeRecurring(cron: string, timezone: string): string {
  const words = describeCron(cron);
  return words ? `${words} ${timezone}` : `cron "${cron}" ${timezone}`;
}

const fieldRules: [name: string, min: number, max: number, aliases?: readonly string[], aliasBase?: number][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of the month', 1, 31],
  ['month', 1, 12, monthAliases, 1],
  ['weekday', 0, 7, dayAliases],
];

/** What is wrong with a cron expression, in words for the field that holds it; null when Ferry can run it. */
export function cronProblem(cron: string): string | null {
  // The contract stores at most 120 characters (src/shared/model/schedule.ts).
  if (cron.length > 120) return `At most 120 characters (this has ${cron.length}).`;
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `Five fields are needed: minute hour day month weekday (this has ${fields.length}), e.g. 0 2 * * 1-5.`;
  for (const [i, [name, min, max, aliases, aliasBase]] of fieldRules.entries()) {
    const field = fields[i] ?? '';
    if (values(field, min, max, aliases, aliasBase) === null)
      return `The ${name} "${field}" is not one Ferry reads: use ${min}–${max}, *, a list (1,3), a range (1-5) or a step (*/15).`;
  }
  return null;
}
