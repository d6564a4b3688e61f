import type { SchemaMigration } from './schema-migration';

/**
 * A schedule remembers its last run the engine refused (the VM already where it goes, a check
 * failing): the Scheduled view said "Completed" from the run before it (new-user review 17, 1).
 */
export const scheduleRefusals: SchemaMigration = {
  version: 19,
  name: 'schedule-refusals',
  sql: `
ALTER TABLE schedules ADD COLUMN last_refusal TEXT;
`,
};
