import type { SchemaMigration } from './schema-migration';

/**
 * "Power off and move cold" from a maintenance: the admin's intent, written before the guest is
 * asked to shut down, and each step after it, so a start after a crash knows whether the guest
 * was still shutting down (reported), off and not moved yet (moved), or moving (its task).
 */
export const maintenancePowerOffs: SchemaMigration = {
  version: 14,
  name: 'maintenance-power-offs',
  sql: `
CREATE TABLE maintenance_power_offs (
  id TEXT PRIMARY KEY,
  operation_id TEXT NOT NULL REFERENCES maintenance_operations (id),
  host_id TEXT NOT NULL,
  vm_id TEXT NOT NULL,
  vm_name TEXT NOT NULL,
  actor TEXT NOT NULL,
  -- Power the guest on at its destination once it moved (vCenter's default is to leave it off).
  power_on_after INTEGER NOT NULL,
  -- The admin confirmed a forced power off (virDomainDestroy) after a graceful one timed out.
  forced INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('shutting-down', 'powering-off', 'moving', 'done', 'timed-out', 'failed', 'interrupted')),
  task_id TEXT,
  -- JSON {code, message} when it timed out, failed or was interrupted.
  error TEXT CHECK (error IS NULL OR json_valid(error)),
  requested_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX maintenance_power_offs_vm ON maintenance_power_offs (host_id, vm_id, requested_at);
`,
};
