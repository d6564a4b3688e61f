import type { SchemaMigration } from './schema-migration';

/**
 * The audit chain's head (the newest record's id and hash, kept apart from the records so that
 * removing the newest ones shows) moves out of the settings table into a one-row table of its own.
 */
export const auditHead: SchemaMigration = {
  version: 4,
  name: 'audit-head',
  sql: `
CREATE TABLE audit_head (one INTEGER PRIMARY KEY CHECK (one = 1), id INTEGER NOT NULL, hash TEXT NOT NULL);
INSERT INTO audit_head (one, id, hash)
  SELECT 1, json_extract(value, '$.id'), json_extract(value, '$.hash') FROM settings WHERE key = 'audit.head';
DELETE FROM settings WHERE key = 'audit.head';
`,
};
