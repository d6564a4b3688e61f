import type { MigrationJobSpec } from '../../src/main/drivers/driver';

let next = 0;

/**
 * A live compute migration job with the engine's default policy; tests override what they
 * exercise. Job ids are unique across runs, since a real host may still know earlier ones.
 */
export const jobSpec = (
  vmId: string,
  sourceHostId: string,
  destHostId: string,
  overrides: Partial<MigrationJobSpec> = {},
): MigrationJobSpec => ({
  jobId: `job-${Date.now().toString(36)}-${++next}`,
  vmId,
  type: 'compute',
  sourceHostId,
  destHostId,
  destDatastoreId: null,
  bandwidthLimitBps: null,
  maxDowntimeMs: 300,
  postCopyAllowed: false,
  autoConverge: false,
  cold: false,
  ...overrides,
});
