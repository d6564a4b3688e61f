import type { SchemaMigration } from './schema-migration';

/**
 * Balancing recommendations applied, by an admin or a cluster's automation: what was moved where,
 * why, the cost predicted, and the task it became (its outcome is read from the task), or why the
 * engine refused it. Appended only.
 */
export const appliedRecommendations: SchemaMigration = {
  version: 11,
  name: 'applied-recommendations',
  sql: `
CREATE TABLE applied_recommendations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  applied_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  vm_id TEXT NOT NULL,
  vm_name TEXT NOT NULL,
  from_host_name TEXT NOT NULL,
  to_host_name TEXT NOT NULL,
  reason TEXT NOT NULL,
  spread_before REAL NOT NULL,
  spread_after REAL NOT NULL,
  predicted_duration_ms INTEGER NOT NULL,
  task_id TEXT,
  refusal TEXT,
  CHECK ((task_id IS NULL) <> (refusal IS NULL)));
CREATE INDEX applied_recommendations_by_time ON applied_recommendations (applied_at DESC, id DESC);
`,
};
