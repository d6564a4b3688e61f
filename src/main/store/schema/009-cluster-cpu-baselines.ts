import type { SchemaMigration } from './schema-migration';

/**
 * The CPU baseline an admin set per cluster (EVC), frozen when set: model, every feature it
 * enables and what it was computed for. No row: off. Apart from `clusters`, whose rows discovery
 * replaces, so a setting outlives a discovery that misses its cluster.
 */
export const clusterCpuBaselines: SchemaMigration = {
  version: 9,
  name: 'cluster-cpu-baselines',
  sql: `
CREATE TABLE cluster_cpu_baselines (
  cluster_id TEXT PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('computed', 'model')),
  model TEXT NOT NULL,
  vendor TEXT,
  -- JSON arrays of feature names.
  features TEXT NOT NULL CHECK (json_valid(features) AND json_type(features) = 'array'),
  disabled_features TEXT NOT NULL CHECK (json_valid(disabled_features) AND json_type(disabled_features) = 'array'),
  arch TEXT,
  virt_type TEXT,
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL);
`,
};
