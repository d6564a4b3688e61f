import { z } from 'zod';
import { wellFormed } from './text';

export const AuditAction = z.enum([
  'migration.requested',
  'migration.started',
  'migration.finished',
  'migration.cancel-requested',
  'migration.recovered',
  'schedule.created',
  'schedule.updated',
  'schedule.deleted',
  'schedule.fired',
  'schedule.missed',
  'maintenance.requested',
  'maintenance.entered',
  'maintenance.exited',
  'maintenance.failback-requested',
  'maintenance.failback-declined',
  /** Power off and move cold: the admin's intent, the guest off (shut down or forced), a failure, the end. */
  'maintenance.power-off-requested',
  'maintenance.guest-powered-off',
  'maintenance.power-off-failed',
  'maintenance.cold-move-finished',
  'maintenance.guest-powered-on',
  'evacuation.planned',
  'balancing.applied',
  'host.added',
  'host.removed',
  'host.credentials-changed',
  'host.health-changed',
  'settings.changed',
  'audit.exported',
  'audit.verified',
  /** The chain is keyed from this record on (records before it keep plain SHA-256). */
  'audit.keyed',
  /** Before appending, the console found the stored head did not match the newest record: records were removed. */
  'audit.gap-found',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * Text as the audit trail stores it: made well-formed when it is parsed, before the record is
 * hashed, so the hash covers what SQLite keeps (a lone surrogate from a driver or an older caller
 * would come back as U+FFFD and fail Verify for ever).
 */
const AuditText = z.string().transform(wellFormed);

/** What a caller supplies; id, time and the hash chain are added by the audit log. */
export const AuditEntry = z.object({
  actor: AuditText,
  action: AuditAction,
  vmId: AuditText.nullable().default(null),
  vmName: AuditText.nullable().default(null),
  sourceHost: AuditText.nullable().default(null),
  destHost: AuditText.nullable().default(null),
  datastores: AuditText.nullable().default(null),
  priority: AuditText.nullable().default(null),
  taskId: AuditText.nullable().default(null),
  outcome: AuditText.nullable().default(null),
  durationMs: z.number().nullable().default(null),
  downtimeMs: z.number().nullable().default(null),
  observedDowntimeMs: z.number().nullable().default(null),
  bytesTransferred: z.number().nullable().default(null),
  iterations: z.number().nullable().default(null),
  errorCode: AuditText.nullable().default(null),
  errorMessage: AuditText.nullable().default(null),
  details: AuditText.nullable().default(null),
});
export type AuditEntryInput = z.input<typeof AuditEntry>;
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditRecord = AuditEntry.extend({
  id: z.number().int(),
  /** UTC, ISO 8601 with milliseconds. */
  time: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditFilter = z.strictObject({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  actor: z.string().max(200).optional(),
  vm: z.string().max(200).optional(),
  host: z.string().max(200).optional(),
  action: AuditAction.optional(),
  outcome: z.string().max(50).optional(),
  taskId: z.string().max(200).optional(),
  text: z.string().max(200).optional(),
  /** An operation another view opened the trail with (a maintenance's id): the records that name it. */
  operation: z.string().max(200).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditSortField = z.enum(['id', 'time', 'actor', 'action', 'vmName', 'sourceHost', 'destHost', 'outcome', 'durationMs']);
export type AuditSortField = z.infer<typeof AuditSortField>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** The newest record as the console sealed it: write it down (or keep an export) to notice a trail cut short later. */
  head: z.object({ id: z.number().int(), hash: z.string() }).nullable().optional(),
  /** The first record chained with the key (HMAC); the ones before keep plain SHA-256. */
  keyedFrom: z.number().int().nullable().optional(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
