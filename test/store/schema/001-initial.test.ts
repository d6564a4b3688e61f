import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { initial } from '../../../src/main/store/schema/001-initial';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 001 (initial)', () => {
  const tempDir = useTempDirs();
  const open = () => openDatabase(join(tempDir(), 'ferry.db'), [initial]);

  it('creates one table per aggregate', () => {
    const db = open();
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of [
      'datacenters',
      'clusters',
      'hosts',
      'datastores',
      'networks',
      'vms',
      'tasks',
      'task_journal',
      'task_timeline',
      'schedules',
      'settings',
      'connections',
      'audit',
    ]) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it('makes the audit table insert-only', () => {
    const db = open();
    db.prepare("INSERT INTO audit (time, actor, action, prev_hash, hash) VALUES ('t', 'a', 'x', '0', '1')").run();
    expect(() => db.prepare("UPDATE audit SET actor = 'mallory'").run()).toThrow(/insert-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/insert-only/);
    expect(db.prepare('SELECT actor FROM audit').get()).toEqual({ actor: 'a' });
    db.close();
  });

  it('allows one queued or running migration per VM (the VM lock)', () => {
    const db = open();
    const insert = db.prepare("INSERT INTO tasks (id, vm_id, state, phase, created_at, data) VALUES (?, 'vm1', ?, 'queued', 't', '{}')");
    insert.run('t1', 'running');
    expect(() => insert.run('t2', 'queued')).toThrow(/UNIQUE/);
    insert.run('t3', 'completed');
    insert.run('t4', 'failed');
    db.close();
  });
});
