import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { csvBlockReader } from '../../src/main/store/audit/csv-block-reader';
import { auditCsvStoredColumns, csvLine } from '../../src/main/store/audit/csv-export';
import { openDatabase, openReadonlyDatabase } from '../../src/main/store/database';
import { useTempDirs } from '../helpers/temp-dir';
import type { AuditAction } from '../../src/shared/model/audit';
import { auditOperationOf } from '../../src/shared/model/audit-operation';

/** A record no encoder would need to touch. */
const plain: Record<string, unknown> = {
  time: '2026-01-01T00:00:00.000Z',
  actor: 'alice',
  action: 'migration.finished',
  vm_id: 'vm-1',
  vm_name: 'DC0_C0_H1_VM1',
  source_host: 'DC0_C0_H1',
  dest_host: 'DC0_C0_H2',
  datastores: 'DC0_C0_DS0',
  priority: 'default',
  task_id: 'task-1',
  outcome: 'completed',
  duration_ms: 12_345,
  downtime_ms: 40,
  observed_downtime_ms: null,
  bytes_transferred: 8_589_934_592,
  iterations: 3,
  error_code: null,
  error_message: null,
  details: null,
  prev_hash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

/** What a hostile host, a tamperer with the file or odd arithmetic could leave in any column. */
const texts = [
  '',
  'a,b',
  'a;b',
  'a"b',
  '"',
  'a\tb',
  '\tx',
  'a\rb',
  'a\nb',
  'a\r\nb',
  '\r\n',
  // A field that would read as whole lines of its own if lines were split on CRLF.
  `x\r\n2,${'y,'.repeat(20)}z`,
  '=1+1',
  '+1',
  '-1',
  '@x',
  ' =1',
  "'x",
  '\u00a0=1',
  '\u3000\uff1d1',
  '\uff0b1',
  '\u2018=x',
  '\f=x',
  '\v',
  'ümlaut',
  'é',
  '😀',
  'x=1',
  'a\0b',
  '\0',
  'x, =cmd',
  'x'.repeat(10_000),
  // Details that name an operation, as the derived operation_id column reads them (in action or actor, they link to nothing).
  'batch b-1',
  'batch -1',
  'batch =x',
  'x; operation -=1; batch y',
  'failback of maintenance operation @x',
  'maintenance operation 1e5',
  'batch ,y',
];
const numbers = [0, -0, 5, -5, 1.5, 0.1 + 0.2, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 2 ** 60, 1e21, 1e-7, Infinity, -Infinity];
const odd = [Buffer.from('abc'), Buffer.from('=x'), Buffer.from([0xff, 0xfe, 0x41]), 2n ** 60n];

describe('audit CSV blocks read through SQLite', () => {
  const tempDir = useTempDirs();

  it('are byte for byte what the encoder writes for every record, plain or hostile, in any column', () => {
    const file = `${tempDir()}/ferry.db`;
    openDatabase(file).close();
    const raw = new Database(file);
    const insert = raw.prepare(
      `INSERT INTO audit (id, ${Object.keys(plain).join(', ')}) VALUES (?, ${Object.keys(plain)
        .map(() => '?')
        .join(', ')})`,
    );
    let id = 0;
    const add = (record: Record<string, unknown>) => insert.run(++id, ...Object.values(record));
    raw.transaction(() => {
      for (const column of Object.keys(plain))
        for (const value of [...texts, ...numbers, ...odd, null]) {
          add(plain);
          try {
            add({ ...plain, [column]: value });
          } catch {
            id -= 1; // NOT NULL columns refuse null
          }
        }
      // Text that is not UTF-8, as only a tamperer could write it.
      const others = Object.keys(plain).filter((c) => c !== 'actor' && c !== 'vm_name');
      for (const [actor, vmName] of [
        ["x'41ff42'", "'vm'"],
        ["'alice'", "x'76e2'"],
      ])
        raw
          .prepare(
            `INSERT INTO audit (id, actor, vm_name, ${others.join(', ')}) SELECT ?, CAST(${actor} AS TEXT), CAST(${vmName} AS TEXT), ${others.join(', ')} FROM audit WHERE id = 1`,
          )
          .run(++id);
      for (let i = 0; i < 50; i++) add(plain);
    })();
    raw.close();

    const db = openReadonlyDatabase(file);
    const columns = `${auditCsvStoredColumns.join(', ')}, action, actor, details`;
    /** The export's fields of a record read whole into JavaScript: the stored ones, and the operation the Audit view links (id, part). */
    const fieldsOf = (row: unknown[]): unknown[] => {
      const [action, actor, details] = row.slice(-3);
      const texts = typeof action === 'string' && typeof actor === 'string' && typeof details === 'string';
      const link = texts ? auditOperationOf({ action: action as AuditAction, actor, details }) : null;
      return [...row.slice(0, -3), link?.operation ?? null, link?.part ?? null];
    };
    const linesOf = (rows: unknown[][]): Buffer => Buffer.from(rows.map((row) => csvLine(fieldsOf(row))).join(''));
    const expected = (fromId: number, toId: number): Buffer =>
      linesOf(db.prepare(`SELECT ${columns} FROM audit WHERE id >= ? AND id < ? ORDER BY id`).raw().all(fromId, toId) as unknown[][]);
    const read = csvBlockReader(db, { dbFile: file, where: '', params: [] });
    for (const size of [id + 1, 97, 7, 1]) {
      for (let from = 1; from <= id; from += size) {
        const block = read(from, from + size);
        expect(Buffer.from(block.bytes).equals(expected(from, from + size)), `records ${from} to ${from + size - 1}`).toBe(true);
        expect(block.rows).toBe(Math.min(size, id + 1 - from));
      }
    }
    // An id beyond JavaScript's exact integers cannot name its line: the block goes through the encoder.
    const big = 2n ** 60n;
    const writer = new Database(file);
    writer
      .prepare(
        `INSERT INTO audit (id, ${Object.keys(plain).join(', ')}) SELECT ?, ${Object.keys(plain).join(', ')} FROM audit WHERE id = 1`,
      )
      .run(big);
    writer.close();
    expect(Buffer.from(read(id - 5, 2 ** 61).bytes).equals(expected(id - 5, 2 ** 61))).toBe(true);
    // A filter narrows the candidates and the records alike.
    const filtered = csvBlockReader(db, { dbFile: file, where: 'WHERE actor = ?', params: ['alice'] });
    const alice = linesOf(
      db.prepare(`SELECT ${columns} FROM audit WHERE actor = 'alice' AND id < 500 ORDER BY id`).raw().all() as unknown[][],
    );
    expect(Buffer.from(filtered(1, 500).bytes).equals(alice)).toBe(true);
    db.close();
  });
});
