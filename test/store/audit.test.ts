import { PassThrough, Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/main/store/audit/audit-log';
import { AuditReader } from '../../src/main/store/audit/audit-reader';
import { inProcessEncoder, writeBlocks, type BlockEncoder } from '../../src/main/store/audit/csv-blocks';
import { auditCsvColumns, neutralize } from '../../src/main/store/audit/csv-export';
import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { SealedAuditKeyFile } from '../../src/main/base/audit-key';
import { FileKeySecretBox, SecretKeyring } from '../../src/main/base/secrets';
import { openDatabase, openReadonlyDatabase } from '../../src/main/store/database';
import { AuditRepository } from '../../src/main/store/audit/audit-repository';
import type { AuditEntryInput } from '../../src/shared/model/audit';
import { useTempDirs } from '../helpers/temp-dir';

function open(dir: string) {
  const db = openDatabase(`${dir}/ferry.db`);
  const clock = new VirtualClock();
  const log = new AuditLog(
    new AuditRepository(db),
    clock,
    new SealedAuditKeyFile(`${dir}/audit.key`, new SecretKeyring([new FileKeySecretBox(dir)])),
  );
  return { db, clock, log, reader: new AuditReader(openReadonlyDatabase(db.name)), file: `${dir}/ferry.db` };
}

const entry = (overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  actor: 'alice',
  action: 'migration.requested',
  vmName: 'vm1',
  sourceHost: 'h1',
  destHost: 'h2',
  ...overrides,
});

/** Tampering as an attacker with the raw file would: bypassing Ferry and its triggers. */
function tamper(file: string, sql: string): void {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  raw.exec(sql);
  raw.close();
}

async function csvOf(reader: AuditReader, filter = {}): Promise<{ rows: Record<string, string>[]; text: string; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const count = await reader.exportCsv(filter, out);
  out.end();
  const text = Buffer.concat(chunks).toString('utf8');
  return { rows: parse(text, { columns: true }) as Record<string, string>[], text, count };
}

describe('audit trail', () => {
  const tempDir = useTempDirs();

  it('chains records: each carries the hash of the one before, and verifies', () => {
    const { log } = open(tempDir());
    const first = log.append(entry());
    const second = log.append(entry({ action: 'migration.finished', outcome: 'completed' }));
    expect(second.prevHash).toBe(first.hash);
    expect(second.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(log.verify()).toEqual({
      ok: true,
      checked: 2,
      firstBrokenId: null,
      reason: null,
      head: { id: 2, hash: second.hash },
      keyedFrom: 1,
    });
  });

  it('finds an edited record', () => {
    const { db, log, file } = open(tempDir());
    for (let i = 0; i < 5; i++) log.append(entry({ vmName: `vm${i}` }));
    db.close();
    tamper(file, "UPDATE audit SET actor = 'mallory' WHERE id = 3");
    const again = open(file.replace('/ferry.db', ''));
    expect(again.log.verify()).toMatchObject({ ok: false, firstBrokenId: 3, reason: expect.stringContaining('content') });
  });

  it('finds a deleted record, in the middle or at the end', () => {
    const dir = tempDir();
    const { db, log, file } = open(dir);
    for (let i = 0; i < 5; i++) log.append(entry({ vmName: `vm${i}` }));
    db.close();
    tamper(file, 'DELETE FROM audit WHERE id = 2');
    expect(open(dir).log.verify()).toMatchObject({ ok: false, firstBrokenId: 3, reason: 'record 2 is missing' });
    const other = tempDir();
    const second = open(other);
    for (let i = 0; i < 5; i++) second.log.append(entry());
    second.db.close();
    tamper(second.file, 'DELETE FROM audit WHERE id = 5');
    expect(open(other).log.verify()).toMatchObject({ ok: false, firstBrokenId: 5 });
  });

  it('has no code path that updates or deletes: the table refuses both', () => {
    const { db, log } = open(tempDir());
    log.append(entry());
    expect(() => db.prepare("UPDATE audit SET outcome = 'x'").run()).toThrow(/insert-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/insert-only/);
  });

  it('pages, sorts and filters on the server side', () => {
    const { log, reader, clock } = open(tempDir());
    for (let i = 0; i < 30; i++) {
      log.append(
        entry({
          actor: i % 3 === 0 ? 'bob' : 'alice',
          vmName: `vm${i}`,
          action: i % 2 ? 'migration.finished' : 'migration.requested',
          outcome: i % 2 ? 'completed' : null,
        }),
      );
      // Time moves on between records.
      void clock.advance(1000);
    }
    const page = reader.page({ actor: 'bob' }, { field: 'id', direction: 'desc' }, 1, 4);
    expect(page.total).toBe(10);
    expect(page.rows.map((r) => r.vmName)).toEqual(['vm15', 'vm12', 'vm9', 'vm6']);
    expect(reader.page({ text: 'vm2' }, { field: 'vmName', direction: 'asc' }, 0, 50).rows.map((r) => r.vmName)).toEqual([
      'vm2',
      'vm20',
      'vm21',
      'vm22',
      'vm23',
      'vm24',
      'vm25',
      'vm26',
      'vm27',
      'vm28',
      'vm29',
    ]);
    expect(reader.page({ action: 'migration.finished', outcome: 'completed' }, { field: 'time', direction: 'asc' }, 0, 100).total).toBe(15);
    // LIKE wildcards typed by a user are literal.
    expect(reader.page({ actor: '%' }, { field: 'id', direction: 'asc' }, 0, 10).total).toBe(0);
    // Part of a name finds vm2 and vm20-29; in quotes, the one VM (new-user review 8, m11).
    const vms = (vm: string) => reader.page({ vm }, { field: 'vmName', direction: 'asc' }, 0, 50).rows.map((r) => r.vmName);
    expect(vms('vm2')).toHaveLength(11);
    expect(vms('"vm2"')).toEqual(['vm2']);
    expect(vms(" 'VM2' ")).toEqual(['vm2']);
    expect(vms('"vm2')).toHaveLength(11);
    expect(reader.page({ host: '"h"' }, { field: 'id', direction: 'asc' }, 0, 10).total).toBe(0);
    expect(reader.page({ host: '"h2"' }, { field: 'id', direction: 'asc' }, 0, 10).total).toBe(30);
  });

  it('finds an action by the words the Audit view shows for it, and by its code (new-user review 10, 10)', () => {
    const { log, reader } = open(tempDir());
    log.append(entry({ action: 'maintenance.guest-powered-off', vmName: 'vm1' }));
    log.append(entry({ action: 'migration.started', vmName: 'vm2' }));
    log.append(entry({ action: 'migration.finished', vmName: 'vm3', details: 'the guest was powered off by hand' }));
    const found = (text: string) => reader.page({ text }, { field: 'id', direction: 'asc' }, 0, 10).rows.map((r) => r.vmName);
    expect(found('Guest powered off')).toEqual(['vm1']);
    expect(found('powered off')).toEqual(['vm1', 'vm3']);
    expect(found('migration started')).toEqual(['vm2']);
    expect(found('guest-powered-off')).toEqual(['vm1']);
    // Search narrows what Action already picked, in words too.
    expect(reader.page({ text: 'started', action: 'migration.finished' }, { field: 'id', direction: 'asc' }, 0, 10).total).toBe(0);
  });

  it('exports exactly the filtered records, with documented columns, as RFC 4180 CSV', async () => {
    const { log, reader } = open(tempDir());
    log.append(entry({ actor: 'alice', vmName: 'web, "front"', details: 'line one\nline two' }));
    log.append(entry({ actor: 'bob', vmName: 'db' }));
    log.append(entry({ actor: 'alice', vmName: 'ünïcödé', action: 'migration.finished', outcome: 'completed', durationMs: 1234 }));
    const { rows, text, count } = await csvOf(reader, { actor: 'alice' });
    expect(count).toBe(2);
    expect(text.split('\r\n')[0]).toBe(auditCsvColumns.join(','));
    expect(rows.map((r) => r.vm_name)).toEqual(['web, "front"', 'ünïcödé']);
    expect(rows[0]?.details).toBe('line one\nline two');
    expect(rows[1]?.duration_ms).toBe('1234');
    expect(text).toContain('"web, ""front"""');
  });

  it('records and exports milliseconds, bytes and passes as whole numbers (issue 14, bug 7)', async () => {
    const { log, reader } = open(tempDir());
    log.append(
      entry({
        action: 'migration.finished',
        durationMs: 12_345.678,
        downtimeMs: 41.5,
        observedDowntimeMs: 38.25,
        bytesTransferred: 8_589_934_592.4,
        iterations: 3,
      }),
    );
    const [row] = (await csvOf(reader)).rows;
    expect(row).toMatchObject({
      duration_ms: '12346',
      downtime_ms: '42',
      observed_downtime_ms: '38',
      bytes_transferred: '8589934592',
      iterations: '3',
    });
    expect(log.verify()).toMatchObject({ ok: true });
  });

  it('neutralises every formula prefix', async () => {
    const { log, reader } = open(tempDir());
    const prefixes = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
    for (const p of prefixes) log.append(entry({ vmName: p, actor: p }));
    const { rows } = await csvOf(reader);
    expect(rows.map((r) => r.vm_name)).toEqual(prefixes.map((p) => `'${p}`));
    for (const r of rows) for (const column of auditCsvColumns) expect(r[column] ?? '').not.toMatch(/^[=+\-@\t\r]/);
    expect(neutralize('plain')).toBe('plain');
    expect(neutralize(42)).toBe(42);
  });

  // New-user review of issue 14: the Audit view linked a record to its maintenance, failback or batch; the CSV could not.
  it("exports each record's operation id as the Audit view links it, derived from what every record already holds", async () => {
    const { log, reader } = open(tempDir());
    const maintenanceOf = 'maintenance of h1 (on behalf of alice)';
    log.append(entry({ action: 'maintenance.requested', details: 'maintenance operation op-1: evacuation of 2 VMs planned' }));
    log.append(entry({ action: 'migration.started', actor: maintenanceOf, taskId: 't1', details: 'batch op-1' }));
    log.append(entry({ action: 'maintenance.failback-requested', details: 'failback fb-1 of maintenance operation op-1: 1 VM back' }));
    // A failback's move names its own batch and the maintenance it undoes: the CSV links it to the maintenance, as the view does.
    log.append(entry({ action: 'migration.finished', taskId: 't2', outcome: 'completed', details: 'batch fb-1; operation op-1' }));
    log.append(entry({ action: 'migration.started', taskId: 't3', details: 'batch b-7' }));
    log.append(entry({ action: 'settings.changed', details: 'operator name' }));
    // An id a spreadsheet would read as a number to compute with stays text.
    log.append(entry({ action: 'migration.started', taskId: 't4', details: 'batch -2+3' }));
    const { rows, text } = await csvOf(reader);
    expect(text.split('\r\n')[0]).toMatch(/,hash,operation_id,operation_part$/);
    expect(rows.map((r) => r.operation_id)).toEqual(['op-1', 'op-1', 'op-1', 'op-1', 'b-7', '', "'-2"]);
    // Which part of it, as the view's "Maintenance …" and "Failback …" tell them apart (new-user review 14, 14).
    expect(rows.map((r) => r.operation_part)).toEqual(['maintenance', 'maintenance', 'failback', 'failback', 'batch', '', 'batch']);
    // Scoped as a click on a record's Operation cell scopes the view, every record exported names that operation.
    const scoped = await csvOf(reader, { operation: 'op-1' });
    expect(scoped.rows.map((r) => r.operation_id)).toEqual(['op-1', 'op-1', 'op-1', 'op-1']);
  });

  it('exports only the header when nothing matches', async () => {
    const { log, reader } = open(tempDir());
    log.append(entry());
    const { text, count } = await csvOf(reader, { actor: 'nobody' });
    expect(count).toBe(0);
    expect(text).toBe(`${auditCsvColumns.join(',')}\r\n`);
  });

  it('streams a large export without holding it: blocks are encoded only a few ahead of the writer, and written in order', async () => {
    const blocks = 60;
    let requested = 0;
    let written = 0;
    let maxAhead = 0;
    // Two encoders that answer out of order, as threads would.
    const encoder = (delay: number): BlockEncoder => ({
      encode: (fromId, toId) => {
        requested += 1;
        maxAhead = Math.max(maxAhead, requested - written);
        return new Promise((resolve) =>
          setTimeout(() => resolve({ bytes: new TextEncoder().encode(`${fromId}-${toId}\r\n`), rows: toId - fromId }), delay),
        );
      },
      close: async () => undefined,
    });
    const order: string[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        const text = chunk.toString();
        if (!text.startsWith('id,')) {
          order.push(text.trim());
          written += 1;
        }
        setImmediate(done);
      },
    });
    const rows = await writeBlocks(slow, 1, blocks * 100, [encoder(3), encoder(1)], 100, 2);
    expect(rows).toBe(blocks * 100);
    expect(order).toEqual(Array.from({ length: blocks }, (_, i) => `${1 + i * 100}-${1 + (i + 1) * 100}`));
    // Never more than two blocks per encoder in flight beyond what was written.
    expect(maxAhead).toBeLessThanOrEqual(5);
  });

  it('encodes a block of records exactly as a single pass would', async () => {
    const dir = tempDir();
    const { log, reader, file } = open(dir);
    for (let i = 0; i < 250; i++) log.append(entry({ vmName: i % 7 ? `vm${i}` : `=vm${i}`, details: i % 11 ? null : 'a, "quoted"\nline' }));
    const whole = await csvOf(reader);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const encoders = [inProcessEncoder({ dbFile: file, where: '', params: [] }), inProcessEncoder({ dbFile: file, where: '', params: [] })];
    expect(await writeBlocks(out, 1, 250, encoders, 17, 2)).toBe(250);
    await Promise.all(encoders.map((e) => e.close()));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(whole.text);
  });
});
