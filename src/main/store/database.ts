import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { migrations, type SchemaMigration } from './schema';

declare const writable: unique symbol;
declare const readOnly: unique symbol;
/** The one connection that writes: only the store's repositories hold it. */
export type WritableDb = Database.Database & { readonly [writable]: true };
/** A connection opened read-only (SQLite refuses writes through it): what readers and exports get. */
export type ReadonlyDb = Database.Database & { readonly [readOnly]: true };

export class SchemaError extends Error {
  override name = 'SchemaError';
}

/** Opens (or creates) Ferry's database and brings its schema up to date, one transaction per migration. */
export function openDatabase(file: string, available: readonly SchemaMigration[] = migrations): WritableDb {
  const db = new Database(file) as WritableDb;
  db.pragma('journal_mode = WAL');
  // FULL: a committed audit record survives a power cut, not only a crash of Ferry.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, available);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Runs work in one transaction of the writer (nested ones become savepoints): all of it lands, or none. */
export type Transaction = <T>(work: () => T) => T;

export const transactionOn =
  (db: WritableDb): Transaction =>
  (work) =>
    db.transaction(work)();

/** A read-only connection beside the writer (WAL lets readers run while it writes). */
export function openReadonlyDatabase(file: string): ReadonlyDb {
  const db = new Database(file, { readonly: true, fileMustExist: true }) as ReadonlyDb;
  db.pragma('busy_timeout = 5000');
  return db;
}

export const migrationHash = (m: SchemaMigration): string => createHash('sha256').update(m.sql).digest('hex');

function migrate(db: WritableDb, available: readonly SchemaMigration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT version, name, hash FROM schema_migrations').all() as { version: number; name: string; hash: string }[]).map(
      (row) => [row.version, row],
    ),
  );
  const known = new Set(available.map((m) => m.version));
  for (const version of applied.keys()) {
    if (!known.has(version)) throw new SchemaError(`database has schema version ${version}, which this Ferry does not know (newer?)`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of [...available].sort((a, b) => a.version - b.version)) {
    const hash = migrationHash(migration);
    const done = applied.get(migration.version);
    if (done) {
      // An applied migration that changed would leave databases in different shapes: refuse loudly.
      if (done.hash !== hash)
        throw new SchemaError(`schema migration ${migration.version} (${migration.name}) was edited after it was applied`);
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, hash, new Date().toISOString());
    })();
  }
}
