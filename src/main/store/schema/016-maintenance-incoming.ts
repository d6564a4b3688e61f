import type { SchemaMigration } from './schema-migration';

/**
 * The moves into a host that were running when it began entering maintenance: JSON
 * [{taskId, vmName, cancelled}], cancelled when they had not switched over (the VM stays on its
 * source), else left to land and then evacuated. Null in rows recorded before: none was seen.
 */
export const maintenanceIncoming: SchemaMigration = {
  version: 16,
  name: 'maintenance-incoming',
  sql: `
ALTER TABLE maintenance ADD COLUMN incoming TEXT CHECK (incoming IS NULL OR json_valid(incoming));
`,
};
