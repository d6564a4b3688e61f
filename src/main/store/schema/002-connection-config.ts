import type { SchemaMigration } from './schema-migration';

/** Each saved host connection keeps its non-secret settings (migration URI, pinned host key...) as JSON. */
export const connectionConfig: SchemaMigration = {
  version: 2,
  name: 'connection-config',
  sql: `ALTER TABLE connections ADD COLUMN config TEXT NOT NULL DEFAULT '{}';`,
};
