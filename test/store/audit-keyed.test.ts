// The audit chain against someone who can write the database but not read the key box: deleting
// the newest records and rewriting the stored head, or deleting the head, must not pass Verify.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { FileKeySecretBox, SecretKeyring } from '../../src/main/base/secrets';
import { SealedAuditKeyFile } from '../../src/main/base/audit-key';
import { AuditLog } from '../../src/main/store/audit/audit-log';
import { AuditRepository } from '../../src/main/store/audit/audit-repository';
import { recordHash } from '../../src/main/store/audit/hash-chain';
import { openDatabase } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/schema';
import { useTempDirs } from '../helpers/temp-dir';

const keyFile = (dir: string) => new SealedAuditKeyFile(join(dir, 'audit.key'), new SecretKeyring([new FileKeySecretBox(dir)]));

function open(dir: string) {
  const db = openDatabase(join(dir, 'ferry.db'));
  return { db, log: new AuditLog(new AuditRepository(db), new VirtualClock(), keyFile(dir)) };
}

/** As an attacker with the raw file would: bypassing Ferry and its triggers. */
function tamper(dir: string, sql: string): void {
  const raw = new Database(join(dir, 'ferry.db'));
  raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
  raw.exec(sql);
  raw.close();
}

const entry = (vmName: string) => ({ actor: 'alice', action: 'migration.requested' as const, vmName });

describe('the keyed audit chain', () => {
  const tempDir = useTempDirs();

  it('does not pass when the newest records are deleted and the head is rewritten to the new last record', () => {
    const dir = tempDir();
    const { db, log } = open(dir);
    for (let i = 0; i < 5; i++) log.append(entry(`vm${i}`));
    expect(log.verify()).toMatchObject({ ok: true, checked: 5 });
    db.close();
    tamper(dir, `DELETE FROM audit WHERE id > 3; UPDATE audit_head SET id = 3, hash = (SELECT hash FROM audit WHERE id = 3);`);
    const after = open(dir);
    expect(after.log.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/head/) });
    after.db.close();
  });

  it('does not bless a cut chain by appending to it: the console records the gap it found, and Verify keeps reporting it', () => {
    const dir = tempDir();
    const { db, log } = open(dir);
    for (let i = 0; i < 5; i++) log.append(entry(`vm${i}`));
    db.close();
    tamper(dir, `DELETE FROM audit WHERE id > 3; UPDATE audit_head SET id = 3, hash = (SELECT hash FROM audit WHERE id = 3);`);
    const after = open(dir);
    after.log.append(entry('later'));
    after.log.append(entry('later still'));
    expect(after.log.verify()).toMatchObject({ ok: false, firstBrokenId: 4, reason: expect.stringMatching(/removed before record 4/) });
    after.db.close();
  });

  it('does not pass when the head is deleted while records exist', () => {
    const dir = tempDir();
    const { db, log } = open(dir);
    for (let i = 0; i < 3; i++) log.append(entry(`vm${i}`));
    db.close();
    tamper(dir, 'DELETE FROM audit_head;');
    const after = open(dir);
    expect(after.log.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/head is missing/) });
    after.db.close();
  });

  it('does not pass a chain rewritten with plain SHA-256 after records were removed and edited', () => {
    const dir = tempDir();
    const { db, log } = open(dir);
    for (let i = 0; i < 4; i++) log.append(entry(`vm${i}`));
    db.close();
    // Edit record 2 and recompute every hash after it with the old, unkeyed scheme.
    const raw = new Database(join(dir, 'ferry.db'));
    raw.exec('DROP TRIGGER IF EXISTS audit_no_update;');
    raw.exec("UPDATE audit SET actor = 'mallory' WHERE id = 2");
    const rows = raw.prepare('SELECT * FROM audit ORDER BY id').all() as Record<string, unknown>[];
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const record = {
        id: r.id,
        time: r.time,
        actor: r.actor,
        action: r.action,
        vmId: r.vm_id,
        vmName: r.vm_name,
        sourceHost: r.source_host,
        destHost: r.dest_host,
        datastores: r.datastores,
        priority: r.priority,
        taskId: r.task_id,
        outcome: r.outcome,
        durationMs: r.duration_ms,
        downtimeMs: r.downtime_ms,
        observedDowntimeMs: r.observed_downtime_ms,
        bytesTransferred: r.bytes_transferred,
        iterations: r.iterations,
        errorCode: r.error_code,
        errorMessage: r.error_message,
        details: r.details,
        prevHash: prev,
      } as Parameters<typeof recordHash>[0];
      const hash = recordHash(record);
      raw.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
    raw.prepare('UPDATE audit_head SET hash = ?').run(prev);
    raw.close();
    const after = open(dir);
    expect(after.log.verify()).toMatchObject({ ok: false, firstBrokenId: 1 });
    after.db.close();
  });

  it('shows the head, so it can be written down', () => {
    const { log } = open(tempDir());
    const last = log.append(entry('vm0'));
    expect(log.verify().head).toEqual({ id: last.id, hash: last.hash });
  });

  it('keeps a trail chained before keys verifiable: keyed from the next record on, the switch itself recorded', () => {
    const dir = tempDir();
    // A database as the console left it before the chain was keyed (schema 011, plain SHA-256).
    const old = openDatabase(
      join(dir, 'ferry.db'),
      migrations.filter((m) => m.version <= 11),
    );
    const legacy = [1, 2].reduce<{ id: number; hash: string }[]>((acc, id) => {
      const prevHash = acc.at(-1)?.hash ?? '0'.repeat(64);
      const fields = { ...entry(`old${id}`), id, time: '2026-01-01T00:00:00.000Z', prevHash };
      const record = {
        vmId: null,
        sourceHost: null,
        destHost: null,
        datastores: null,
        priority: null,
        taskId: null,
        outcome: null,
        durationMs: null,
        downtimeMs: null,
        observedDowntimeMs: null,
        bytesTransferred: null,
        iterations: null,
        errorCode: null,
        errorMessage: null,
        details: null,
        ...fields,
      };
      const hash = recordHash(record);
      new AuditRepository(old).insert({ ...record, hash });
      return [...acc, { id, hash }];
    }, []);
    old.prepare('INSERT INTO audit_head (one, id, hash) VALUES (1, 2, ?)').run(legacy[1]?.hash);
    old.close();

    const { db, log } = open(dir);
    const after = log.append(entry('new'));
    expect(after.id).toBe(4);
    const verification = log.verify();
    expect(verification).toMatchObject({ ok: true, checked: 4, keyedFrom: 3 });
    const switchRecord = db.prepare('SELECT action, details FROM audit WHERE id = 3').get() as { action: string; details: string };
    expect(switchRecord.action).toBe('audit.keyed');
    expect(switchRecord.details).toMatch(/records 1–2.*SHA-256.*from 3/);
    db.close();
    // A restart keeps the key and the switch point: still verifies.
    const again = open(dir);
    expect(again.log.verify()).toMatchObject({ ok: true, checked: 4 });
    again.db.close();
  });
});
