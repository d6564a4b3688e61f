import type { SchemaMigration } from './schema-migration';

/**
 * The bandwidth completed migrations achieved between two hosts, one row per migration, so
 * predictions use the link as it performed (a recent median) instead of an assumed 10 Gb/s.
 */
export const linkSpeeds: SchemaMigration = {
  version: 8,
  name: 'link-speeds',
  sql: `
CREATE TABLE link_speeds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_host_id TEXT NOT NULL,
  dest_host_id TEXT NOT NULL,
  bytes_per_second REAL NOT NULL CHECK (bytes_per_second > 0),
  task_id TEXT NOT NULL,
  measured_at TEXT NOT NULL);
CREATE INDEX link_speeds_by_pair ON link_speeds(source_host_id, dest_host_id, id);
`,
};
