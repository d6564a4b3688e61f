import type { AuditAction } from '../../../shared/model/audit';
import { auditOperationOf } from '../../../shared/model/audit-operation';
import type { ReadonlyDb } from '../database';
import type { AuditRow } from './audit-repository';

/**
 * The audit CSV encoding: RFC 4180 (CRLF line ends, quotes doubled, fields with separators,
 * quotes or line breaks quoted), UTF-8 without a byte-order mark. The encoder is ours:
 * csv-stringify measured 17 µs a record, 20 s for the million-record goal of 5 s.
 */

/** The stored columns the export writes, in order: every field the hash chain covers, then the hash. */
export const auditCsvStoredColumns = [
  'id',
  'time',
  'actor',
  'action',
  'vm_id',
  'vm_name',
  'source_host',
  'dest_host',
  'datastores',
  'priority',
  'task_id',
  'outcome',
  'duration_ms',
  'downtime_ms',
  'observed_downtime_ms',
  'bytes_transferred',
  'iterations',
  'error_code',
  'error_message',
  'details',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditRow)[];

/**
 * Columns worked out from each record's stored fields as it is exported, after the hash (which
 * they are not part of), each a SQL expression over the audit table's columns.
 * `operation_id`: the maintenance, failback or batch the Audit view's Operation column links the
 * record to (auditOperationOf), and `operation_part` which of them; derived, so records written
 * before the columns have them too.
 */
export const auditCsvDerivedColumns = {
  // Only details naming an operation or a batch can link (auditOperationOf's patterns): most records never reach JavaScript.
  operation_id: "iif(instr(details, 'operation ') OR instr(details, 'batch '), ferry_audit_operation_id(action, actor, details), NULL)",
  // Which part of it: a maintenance and its failback share one id, which the view tells apart ("Failback a616…").
  operation_part: "iif(instr(details, 'operation ') OR instr(details, 'batch '), ferry_audit_operation_part(action, actor, details), NULL)",
} as const;

/**
 * Registers on a connection the SQL functions the derived columns call. Fields are what the
 * database holds, which a tamperer may have made anything: what is not text links to nothing.
 */
export function registerAuditCsvFunctions(db: ReadonlyDb): void {
  const linkOf = (action: unknown, actor: unknown, details: unknown) =>
    typeof action === 'string' && typeof actor === 'string' && typeof details === 'string'
      ? auditOperationOf({ action: action as AuditAction, actor, details })
      : null;
  db.function(
    'ferry_audit_operation_id',
    { deterministic: true },
    (action: unknown, actor: unknown, details: unknown) => linkOf(action, actor, details)?.operation ?? null,
  );
  db.function(
    'ferry_audit_operation_part',
    { deterministic: true },
    (action: unknown, actor: unknown, details: unknown) => linkOf(action, actor, details)?.part ?? null,
  );
}

/** The export's columns, in order; documented in docs/audit-csv.md. */
export const auditCsvColumns = [
  ...auditCsvStoredColumns,
  ...(Object.keys(auditCsvDerivedColumns) as (keyof typeof auditCsvDerivedColumns)[]),
];

/** What a SELECT over the audit table lists to read the export's columns (the SQL functions of registerAuditCsvFunctions). */
export const auditCsvSelect = [...auditCsvStoredColumns, ...Object.values(auditCsvDerivedColumns)];

/**
 * Where a spreadsheet may start a cell inside a field: at its start, and after any separator a
 * locale or an import uses (`,`, `;`, tab, CR, LF: Excel in `;` locales splits `web01;=cmd` in
 * two). A cell whose first character after blanks (spaces of any width, zero-width ones) and
 * quotes is =, +, - or @, half- or full-width, runs as a formula; so does a field starting with a
 * tab or CR. Each such piece gets a leading apostrophe, which shows as text (OWASP's advice).
 */
const blanks = ' \\u00a0\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f\\u205f\\u2060\\u3000\\ufeff\\f\\v"\'\\u2018\\u2019\\u201c\\u201d';
const formulaStart = '=+\\-@\\uff1d\\uff0b\\uff0d\\uff20';
const formulaPieces = new RegExp(`(^|[,;\\t\\r\\n])(?=[${blanks}]*[${formulaStart}])|^(?=[\\t\\r])`, 'g');
const formulaField = new RegExp(`^(?:[${blanks}]*[${formulaStart}]|[\\t\\r])`);
const separator = /[,;\t\r\n]/;

/** A field with every piece a spreadsheet could start a cell with neutralised; numbers pass as they are. */
export function neutralize(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  // Most fields hold no separator: one anchored test (this runs for every field of a million records).
  if (!separator.test(text)) return formulaField.test(text) ? `'${text}` : text;
  return text.replace(formulaPieces, "$1'");
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, neutralised and quoted field by field, with its CRLF (this runs a million times per export). */
export function csvLine(fields: readonly unknown[]): string {
  let text = '';
  for (let i = 0; i < fields.length; i++) text += (i > 0 ? ',' : '') + csvField(neutralize(fields[i]));
  return `${text}\r\n`;
}

export const auditCsvHeader = csvLine(auditCsvColumns);
