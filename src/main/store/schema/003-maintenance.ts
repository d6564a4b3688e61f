import type { SchemaMigration } from './schema-migration';

/**
 * Maintenance gets a table of its own: the host's state and the evacuation that empties it, kept
 * apart from the driver-reported hosts (a host missing from one discovery keeps its state) and
 * from the settings (which were borrowed for the evacuation until now).
 */
export const maintenance: SchemaMigration = {
  version: 3,
  name: 'maintenance',
  sql: `
CREATE TABLE maintenance (
  host_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('entering', 'on')),
  -- The evacuation that entering started: who asked, how many VMs, the tasks, what could not move.
  actor TEXT, total INTEGER, task_ids TEXT, blocked TEXT);

INSERT INTO maintenance (host_id, state, actor, total, task_ids, blocked)
  SELECT h.id, h.maintenance,
         json_extract(s.value, '$.actor'), json_extract(s.value, '$.total'),
         json_extract(s.value, '$.taskIds'), json_extract(s.value, '$.blocked')
  FROM hosts h LEFT JOIN settings s ON s.key = 'maintenance:' || h.id
  WHERE h.maintenance IN ('entering', 'on');
DELETE FROM settings WHERE key LIKE 'maintenance:%';
ALTER TABLE hosts DROP COLUMN maintenance;
`,
};
