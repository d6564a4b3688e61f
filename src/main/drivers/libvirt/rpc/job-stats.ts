// Job statistics (virDomainGetJobStats, the JOB_COMPLETED event): typed params named by the
// VIR_DOMAIN_JOB_* constants in libvirt-domain.h, decoded into one typed object. Params we do
// not name stay available in `raw`. Byte counts become numbers (2^53 bytes is 8 PiB); a value
// that would lose precision throws instead of being silently rounded.

import { jobTypeFromNumber, type JobTypeName } from './domain-state';
import { typedParamNumber, type TypedParam } from './typed-params';
import { toSafeNumber } from './xdr';

/** virDomainGetJobStatsFlags. */
export const JobStatsFlags = {
  /** Stats of the most recently completed job instead of the running one. */
  COMPLETED: 1 << 0,
  /** With COMPLETED: do not discard them after reading. */
  KEEP_COMPLETED: 1 << 1,
} as const;

const NUMERIC_FIELDS = {
  timeElapsedMs: 'time_elapsed',
  timeElapsedNetMs: 'time_elapsed_net',
  timeRemainingMs: 'time_remaining',
  downtimeMs: 'downtime',
  downtimeNetMs: 'downtime_net',
  setupTimeMs: 'setup_time',
  dataTotal: 'data_total',
  dataProcessed: 'data_processed',
  dataRemaining: 'data_remaining',
  memoryTotal: 'memory_total',
  memoryProcessed: 'memory_processed',
  memoryRemaining: 'memory_remaining',
  memoryConstant: 'memory_constant',
  memoryNormal: 'memory_normal',
  memoryNormalBytes: 'memory_normal_bytes',
  /** Bytes per second. */
  memoryBps: 'memory_bps',
  /** Pages per second. */
  memoryDirtyRate: 'memory_dirty_rate',
  memoryPageSize: 'memory_page_size',
  memoryIteration: 'memory_iteration',
  memoryPostcopyRequests: 'memory_postcopy_requests',
  diskTotal: 'disk_total',
  diskProcessed: 'disk_processed',
  diskRemaining: 'disk_remaining',
  diskBps: 'disk_bps',
  diskTempUsed: 'disk_temp_used',
  diskTempTotal: 'disk_temp_total',
  compressionCache: 'compression_cache',
  compressionBytes: 'compression_bytes',
  compressionPages: 'compression_pages',
  compressionCacheMisses: 'compression_cache_misses',
  compressionOverflow: 'compression_overflow',
  /** Percent of guest CPU throttled by auto-converge. */
  autoConvergeThrottle: 'auto_converge_throttle',
  /** virDomainJobOperation: 0 unknown, 1 start, 2 save, 3 restore, 4 migration in, 5 migration out... */
  operation: 'operation',
  vfioDataTransferred: 'vfio_data_transferred',
} as const;

type JobStatsNumericField = keyof typeof NUMERIC_FIELDS;

export type JobStats = { readonly [K in JobStatsNumericField]?: number } & {
  readonly type: JobTypeName;
  readonly rawType: number;
  /** Completed jobs only: whether it succeeded. */
  readonly success?: boolean;
  /** Failed jobs: the error message, when the hypervisor gave one. */
  readonly errorMessage?: string;
  readonly raw: readonly TypedParam[];
};

const FIELD_BY_PARAM = new Map<string, JobStatsNumericField>(
  Object.entries(NUMERIC_FIELDS).map(([key, param]) => [param, key as JobStatsNumericField]),
);

export function decodeJobStats(rawType: number, params: readonly TypedParam[]): JobStats {
  const numbers: Partial<Record<JobStatsNumericField, number>> = {};
  let success: boolean | undefined;
  let errorMessage: string | undefined;
  for (const param of params) {
    const key = FIELD_BY_PARAM.get(param.field);
    if (key) {
      const value = typedParamNumber(param.value);
      if (value !== undefined) numbers[key] = typeof value === 'bigint' ? toSafeNumber(value, param.field) : value;
    } else if (param.field === 'success' && param.value.type === 'boolean') {
      success = param.value.value;
    } else if (param.field === 'errmsg' && param.value.type === 'string') {
      errorMessage = param.value.value;
    }
  }
  return {
    ...numbers,
    type: jobTypeFromNumber(rawType),
    rawType,
    ...(success === undefined ? {} : { success }),
    ...(errorMessage === undefined ? {} : { errorMessage }),
    raw: params,
  };
}

/** The JOB_COMPLETED event carries params without a type: it is always a completed job. */
export const JOB_TYPE_COMPLETED = 3;
