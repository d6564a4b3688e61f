import type { SchemaMigration } from './schema-migration';

/**
 * A schedule remembers its last missed run (a run later than its grace period, after downtime or
 * a suspend), so the Scheduled view can say so beside the audit record.
 */
export const scheduleMissedRuns: SchemaMigration = {
  version: 13,
  name: 'schedule-missed-runs',
  sql: `
ALTER TABLE schedules ADD COLUMN last_missed_at TEXT;
`,
};
