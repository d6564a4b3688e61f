import { isUtf8 } from 'node:buffer';
import type { ReadonlyDb } from '../database';
import {
  auditCsvColumns,
  auditCsvDerivedColumns,
  auditCsvSelect,
  auditCsvStoredColumns,
  csvLine,
  registerAuditCsvFunctions,
} from './csv-export';

/** What to export: the database file and the filter's WHERE clause with its parameters. */
export interface BlockQuery {
  dbFile: string;
  where: string;
  params: unknown[];
}

export interface EncodedBlock {
  /** UTF-8 CSV text: encoded where it was made, so a worker hands it over without a copy. */
  bytes: Uint8Array;
  rows: number;
}

/*
 * Reading a million records into JavaScript values costs more than anything the export does with
 * them, so SQLite joins each record's fields into a candidate line and a block's lines into one
 * buffer. Most fields need nothing from the CSV encoder (csv-export.ts): a line whose every field
 * is such a field is already the encoder's output, byte for byte. A line with anything else in it
 * (a separator, a quote, a line break, a start a spreadsheet could read as a formula, a number that
 * is not a whole one) is encoded from its record by the encoder itself. SQLite only proposes: a
 * line stands only when the check below finds in it nothing the encoder would change.
 */

/** Columns of numeric affinity (schema 001): SQLite prints 12345.0 where JavaScript prints 12345. */
const numericColumns = new Set<string>(['id', 'duration_ms', 'downtime_ms', 'observed_downtime_ms', 'bytes_transferred', 'iterations']);
const exact = 2 ** 53;
/** A whole number within JavaScript's exact range as JavaScript prints it; any other value a quote, which fails the check. */
const numberText = (c: string): string =>
  `iif(${c} = CAST(${c} AS INTEGER) AND ${c} BETWEEN -${exact} AND ${exact}, CAST(${c} AS INTEGER), iif(${c} IS NULL, NULL, '"'))`;
const candidateFields = [
  ...auditCsvStoredColumns.map((c) => (numericColumns.has(c) ? numberText(c) : c)),
  ...Object.values(auditCsvDerivedColumns),
];
const candidateLine = `concat(${candidateFields.join(", ',', ")}, char(13, 10))`;

/*
 * The check reads the UTF-8 bytes as Latin-1 (one character a byte). A field passes when it holds
 * none of , ; " tab CR LF NUL and starts with none of space ' = + @ - form feed, vertical tab or a
 * byte of a multi-byte character (every blank and formula sign the encoder neutralises beyond
 * ASCII is one): the encoder then leaves it as it is. A line passes with exactly as many such fields as
 * the export has columns.
 */
const inside = ',;"\\t\\r\\n\\0';
const field = `(?:[^${inside} '=+@\\-\\f\\v\\x80-\\xff][^${inside}]*)?`;
const plainLine = new RegExp(`${field}(?:,${field}){${auditCsvColumns.length - 1}}\\r\\n`, 'y');

/**
 * The check's text is made a slice of ~64 KiB at a time, at line ends: V8 makes a string over about
 * 128 KiB in its large-object space, which cost ten times the copy itself (measured: 0.45 s for
 * 70 MB in 350 KiB strings, 0.01 s in 64 KiB ones).
 */
const sliceBytes = 64 * 1024;

/** A line the check refused: where it lies in the block, and the id of its record as SQLite printed it. */
interface Refused {
  from: number;
  to: number;
  id: string;
}

/**
 * Checks a block of candidate lines. Null when its lines cannot be told apart: more line feeds
 * than records means a field holds one (and may hold what looks like lines of its own).
 */
function refusedLines(bytes: Buffer, records: number): Refused[] | null {
  const refused: Refused[] = [];
  let lines = 0;
  for (let start = 0; start < bytes.length;) {
    const stop = start + sliceBytes >= bytes.length ? bytes.length : bytes.indexOf(10, start + sliceBytes) + 1 || bytes.length;
    const text = bytes.toString('latin1', start, stop);
    for (let at = 0; at < text.length; lines += 1) {
      plainLine.lastIndex = at;
      if (plainLine.test(text)) {
        at = plainLine.lastIndex;
        continue;
      }
      const end = text.indexOf('\n', at) + 1 || text.length;
      refused.push({ from: start + at, to: start + end, id: text.slice(at, text.indexOf(',', at)) });
      at = end;
    }
    start = stop;
  }
  return lines === records ? refused : null;
}

const utf8 = new TextEncoder();

/** Reads and encodes blocks of records (ids in [fromId, toId) that match the query), on one connection. */
export function csvBlockReader(db: ReadonlyDb, query: BlockQuery): (fromId: number, toId: number) => EncodedBlock {
  const where = query.where ? `${query.where} AND id >= ? AND id < ?` : 'WHERE id >= ? AND id < ?';
  registerAuditCsvFunctions(db);
  const columns = auditCsvSelect.join(', ');
  const candidates = db.prepare(`SELECT CAST(group_concat(${candidateLine}, '' ORDER BY id) AS BLOB), count(*) FROM audit ${where}`).raw();
  const records = db.prepare(`SELECT ${columns} FROM audit ${where} ORDER BY id`).raw();
  const record = db.prepare(`SELECT ${columns} FROM audit WHERE id = ?`).raw();
  const encodeRecord = (id: number): Uint8Array => utf8.encode(csvLine(record.get(id) as unknown[]));

  /** The whole block through the encoder, in slices (see sliceBytes). */
  const encodeRecords = (fromId: number, toId: number): EncodedBlock => {
    const parts: Uint8Array[] = [];
    let text = '';
    let rows = 0;
    for (const row of records.iterate(...query.params, fromId, toId) as IterableIterator<unknown[]>) {
      text += csvLine(row);
      rows += 1;
      if (text.length >= sliceBytes / 2) {
        parts.push(utf8.encode(text));
        text = '';
      }
    }
    parts.push(utf8.encode(text));
    return { bytes: Buffer.concat(parts), rows };
  };

  return (fromId, toId) => {
    const [bytes, rows] = candidates.get(...query.params, fromId, toId) as [Buffer | null, number];
    if (!bytes || rows === 0) return { bytes: new Uint8Array(0), rows: 0 };
    // Bytes that are not UTF-8 reach the encoder as replacement characters: let it write them.
    const refused = isUtf8(bytes) ? refusedLines(bytes, rows) : null;
    // Many refused lines are read faster together than one by one.
    if (!refused || refused.length > rows / 4 || refused.some((r) => !/^-?\d+$/.test(r.id))) return encodeRecords(fromId, toId);
    if (refused.length === 0) return { bytes, rows };
    const parts: Uint8Array[] = [];
    let kept = 0;
    for (const line of refused) {
      if (line.from > kept) parts.push(bytes.subarray(kept, line.from));
      parts.push(encodeRecord(Number(line.id)));
      kept = line.to;
    }
    if (kept < bytes.length) parts.push(bytes.subarray(kept));
    return { bytes: Buffer.concat(parts), rows };
  };
}
