import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditRow } from '../inventory/repositories/audit';

/** The export's columns, in order; documented in docs/audit-csv.md. */
export const auditCsvColumns = [
  'id', 'time', 'actor', 'action', 'vm_id', 'vm_name', 'source_host', 'dest_host', 'datastores', 'priority', 'task_id', 'outcome',
  'duration_ms', 'downtime_ms', 'observed_downtime_ms', 'bytes_transferred', 'iterations', 'error_code', 'error_message', 'details',
  'prev_hash', 'hash',
] as const satisfies readonly (keyof AuditRow)[];

/**
 * Spreadsheets run a cell that starts with =, +, -, @, tab or carriage return as a formula.
 * Such cells get a leading apostrophe, which shows as text (OWASP's CSV injection advice).
 */
export function neutralize(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, neutralised and quoted field by field (this runs a million times per export). */
function line(fields: readonly unknown[]): string {
  let text = '';
  for (let i = 0; i < fields.length; i++) text += (i > 0 ? ',' : '') + csvField(neutralize(fields[i]));
  return `${text}\r\n`;
}

/** Rows become text in chunks of about 64 KiB: few, large writes, and rows are read only as chunks are consumed. */
function* chunks(rows: Iterable<readonly unknown[]>, counter: { rows: number }): Generator<string> {
  let chunk = line(auditCsvColumns);
  for (const row of rows) {
    chunk += line(row);
    counter.rows += 1;
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/**
 * Streams rows (values in `auditCsvColumns` order) as RFC 4180 CSV (CRLF line ends) in UTF-8 without a byte-order mark. The encoder is
 * ours: csv-stringify measured 17 µs a record, 20 s for the million-record goal of 5 s.
 */
export async function writeAuditCsv(rows: Iterable<readonly unknown[]>, out: Writable): Promise<number> {
  const counter = { rows: 0 };
  await pipeline(Readable.from(chunks(rows, counter), { objectMode: false, highWaterMark: 1 }), out, { end: false });
  return counter.rows;
}
