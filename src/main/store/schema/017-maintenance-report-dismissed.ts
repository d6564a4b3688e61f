import type { SchemaMigration } from './schema-migration';

/**
 * When the admin dismissed the report of a maintenance left while entering it (what leaving
 * cancelled); the report itself stays, the panel no longer shows it. Null: not dismissed.
 */
export const maintenanceReportDismissed: SchemaMigration = {
  version: 17,
  name: 'maintenance-report-dismissed',
  sql: `
ALTER TABLE maintenance_operations ADD COLUMN report_dismissed_at TEXT;
`,
};
