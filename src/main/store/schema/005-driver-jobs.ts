import type { SchemaMigration } from './schema-migration';

/**
 * What a driver needs to pick up its jobs after a restart (the job it started, the volumes it
 * created), written before each takes effect: the libvirt driver's jobs no longer live only in memory.
 */
export const driverJobs: SchemaMigration = {
  version: 5,
  name: 'driver-jobs',
  sql: `
CREATE TABLE driver_jobs (
  job_id TEXT PRIMARY KEY, driver_id TEXT NOT NULL, record TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX driver_jobs_by_driver ON driver_jobs(driver_id);
`,
};
