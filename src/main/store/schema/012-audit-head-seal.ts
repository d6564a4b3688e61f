import type { SchemaMigration } from './schema-migration';

/**
 * The audit chain is keyed (HMAC, the key outside the database) and its head is sealed with the
 * same key: a head moved back to an older record, after the newer ones were deleted, shows.
 * Heads stored before stay unsealed until the console records the switch.
 */
export const auditHeadSeal: SchemaMigration = {
  version: 12,
  name: 'audit-head-seal',
  sql: `ALTER TABLE audit_head ADD COLUMN seal TEXT;`,
};
