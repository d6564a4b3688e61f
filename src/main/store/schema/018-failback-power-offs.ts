import type { SchemaMigration } from './schema-migration';

/**
 * "Power off and move back cold" from a failback (new-user review 10, finding 2): the same
 * journal as the evacuation's power-offs, told apart by purpose; a failback's names the home
 * host it moves the VM back to. Rows from before read as the evacuation's.
 */
export const failbackPowerOffs: SchemaMigration = {
  version: 18,
  name: 'failback-power-offs',
  sql: `
ALTER TABLE maintenance_power_offs ADD COLUMN purpose TEXT NOT NULL DEFAULT 'evacuation' CHECK (purpose IN ('evacuation', 'failback'));
ALTER TABLE maintenance_power_offs ADD COLUMN dest_host_id TEXT;
`,
};
