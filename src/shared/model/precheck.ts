import { z } from 'zod';
import { Id } from './inventory';

export const PrecheckCode = z.enum([
  'SAME_HOST',
  'VM_ALREADY_MIGRATING',
  'VM_NOT_RUNNING',
  'VM_POWERED_OFF',
  'COLD_DISK_COPY_UNSUPPORTED',
  'DEVICE_NOT_MIGRATABLE',
  // The destination says which devices it can pass through, and lacks one the guest uses.
  'DEVICE_MISSING',
  'CPU_VENDOR_MISMATCH',
  'CPU_FEATURES_MISSING',
  'HOST_IN_MAINTENANCE',
  'HOST_ENTERING_MAINTENANCE',
  'HOST_DISCONNECTED',
  'HOST_FAILED',
  'HOST_DEGRADED',
  'INSUFFICIENT_MEMORY',
  'INSUFFICIENT_CPU',
  'STORAGE_NOT_REACHABLE',
  'DATASTORE_NOT_REACHABLE',
  'DATASTORE_FULL',
  'SAME_DATASTORE',
  'PORT_GROUP_MISSING',
  'DIFFERENT_BACKEND',
  'WILL_NOT_CONVERGE',
  // The copy needs longer than its own give-up limit (completionTimeoutSecPerGiB) allows: it would roll back.
  'WILL_TIME_OUT',
  'MIGRATION_URI_MISSING',
  // The destination cluster has a CPU baseline: a host below it takes no guest, a guest beyond it is flagged.
  'CPU_BELOW_BASELINE',
  'CPU_OUTSIDE_BASELINE',
]);
export type PrecheckCode = z.infer<typeof PrecheckCode>;

const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

export const PrecheckResult = z.object({
  code: PrecheckCode,
  severity: Severity,
  message: z.string(),
  /** What the admin can do about it. */
  hint: z.string(),
});
export type PrecheckResult = z.infer<typeof PrecheckResult>;

export const HostRating = z.object({
  hostId: Id,
  hostName: z.string(),
  /** 1 (poor) to 5 (best); 0 when a precheck error blocks the host. */
  rating: z.number().int().min(0).max(5),
  score: z.number(),
  reasons: z.array(z.string()),
  checks: z.array(PrecheckResult),
});
export type HostRating = z.infer<typeof HostRating>;
