import type { SchemaMigration } from './schema-migration';

/**
 * A maintenance is an operation with an id: what its evacuation moved (so a failback can move
 * it back, after a restart too), what leaving it did to moves under way, and its failback. The
 * id links the audit records of both.
 */
export const maintenanceOperations: SchemaMigration = {
  version: 10,
  name: 'maintenance-operations',
  sql: `
ALTER TABLE maintenance ADD COLUMN operation_id TEXT;

CREATE TABLE maintenance_operations (
  id TEXT PRIMARY KEY,
  host_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  started_at TEXT NOT NULL,
  exited_at TEXT,
  -- JSON {cancelled, finishing, moved} by VM name, when the host left while entering.
  exit_report TEXT CHECK (exit_report IS NULL OR json_valid(exit_report)),
  -- Leaving while entering cancels the moves not switched over; start-up finishes a cancel a crash interrupted.
  cancel_pending INTEGER NOT NULL DEFAULT 0,
  failback TEXT NOT NULL DEFAULT 'none' CHECK (failback IN ('none', 'offered', 'requested', 'declined')),
  failback_id TEXT);
CREATE INDEX maintenance_operations_host ON maintenance_operations (host_id, started_at);

CREATE TABLE maintenance_moves (
  operation_id TEXT NOT NULL REFERENCES maintenance_operations (id),
  task_id TEXT NOT NULL,
  vm_id TEXT NOT NULL,
  vm_name TEXT NOT NULL,
  mission_critical INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('live', 'with-disk', 'cold')),
  PRIMARY KEY (operation_id, task_id));
`,
};
