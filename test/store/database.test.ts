import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationHash, openDatabase, openReadonlyDatabase, SchemaError } from '../../src/main/store/database';
import { migrations, type SchemaMigration } from '../../src/main/store/schema';
import { useTempDirs } from '../helpers/temp-dir';

describe('database', () => {
  const tempDir = useTempDirs();

  it('opens in WAL mode and records each migration with its content hash', () => {
    const db = openDatabase(join(tempDir(), 'ferry.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT version, hash FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, hash: migrationHash(m) })));
    db.close();
  });

  it("gives readers a connection that sees the writer's commits and cannot write", () => {
    const writer = openDatabase(join(tempDir(), 'ferry.db'));
    const reader = openReadonlyDatabase(writer.name);
    writer.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    expect(reader.prepare('SELECT value FROM settings WHERE key = ?').get('k')).toEqual({ value: '1' });
    expect(() => reader.prepare("INSERT INTO settings (key, value) VALUES ('x', '2')").run()).toThrow(/readonly/i);
    reader.close();
    writer.close();
  });

  it('applies nothing twice when reopened', () => {
    const file = join(tempDir(), 'ferry.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    db.close();
  });

  it('refuses a database whose applied migration was edited since', () => {
    const file = join(tempDir(), 'ferry.db');
    openDatabase(file).close();
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => openDatabase(file, edited)).toThrow(SchemaError);
  });

  it('refuses a database from a newer Ferry', () => {
    const file = join(tempDir(), 'ferry.db');
    const newer: SchemaMigration = { version: 999, name: 'future', sql: 'CREATE TABLE future (x)' };
    openDatabase(file, [...migrations, newer]).close();
    expect(() => openDatabase(file)).toThrow(/999/);
  });

  it('rolls back a failing migration as a whole', () => {
    const file = join(tempDir(), 'ferry.db');
    const broken: SchemaMigration = { version: 2, name: 'broken', sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' };
    expect(() => openDatabase(file, [...migrations.slice(0, 1), broken])).toThrow();
    const db = openDatabase(file, migrations.slice(0, 1));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    db.close();
  });
});
