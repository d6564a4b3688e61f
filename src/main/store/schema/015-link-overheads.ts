import type { SchemaMigration } from './schema-migration';

/**
 * What a completed migration cost besides moving bytes: its fixed time (connections, the
 * destination's QEMU starting, checks, verification) and its switchover beyond the last copy. On
 * real hosts these dwarf an idle guest's copy, so predictions use what the pair showed, as they do
 * its bandwidth. Null in rows recorded before.
 */
export const linkOverheads: SchemaMigration = {
  version: 15,
  name: 'link-overheads',
  sql: `
ALTER TABLE link_speeds ADD COLUMN fixed_ms REAL CHECK (fixed_ms >= 0);
ALTER TABLE link_speeds ADD COLUMN switchover_ms REAL CHECK (switchover_ms >= 0);
`,
};
