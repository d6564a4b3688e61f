import type { SchemaMigration } from './schema-migration';

/**
 * The VM attributes Ferry keeps itself (mission-critical, tags with the affinity rules), for every
 * backend: libvirt has no such notion. Keyed by the VM's stable id (libvirt: the domain UUID), with
 * no foreign key to `vms`, so they outlive a discovery that misses the VM and follow it across hosts.
 */
export const vmAttributes: SchemaMigration = {
  version: 7,
  name: 'vm-attributes',
  sql: `
CREATE TABLE vm_attributes (
  vm_id TEXT PRIMARY KEY,
  mission_critical INTEGER NOT NULL CHECK (mission_critical IN (0, 1)),
  -- A JSON array of tags.
  tags TEXT NOT NULL CHECK (json_valid(tags) AND json_type(tags) = 'array'));
`,
};
