import { z } from 'zod';

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
  'evacuation.planned',
  'balancing.applied',
  'host.added',
  'host.removed',
  'host.credentials-changed',
  'host.health-changed',
  'settings.changed',
  'audit.exported',
  'audit.verified',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** What a caller supplies; id, time and the hash chain are added by the audit log. */
export const AuditEntry = z.object({
  actor: z.string(),
  action: AuditAction,
  vmId: z.string().nullable().default(null),
  vmName: z.string().nullable().default(null),
  sourceHost: z.string().nullable().default(null),
  destHost: z.string().nullable().default(null),
  datastores: z.string().nullable().default(null),
  priority: z.string().nullable().default(null),
  taskId: z.string().nullable().default(null),
  outcome: z.string().nullable().default(null),
  durationMs: z.number().nullable().default(null),
  downtimeMs: z.number().nullable().default(null),
  observedDowntimeMs: z.number().nullable().default(null),
  bytesTransferred: z.number().nullable().default(null),
  iterations: z.number().nullable().default(null),
  errorCode: z.string().nullable().default(null),
  errorMessage: z.string().nullable().default(null),
  details: z.string().nullable().default(null),
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
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditSortField = z.enum(['id', 'time', 'actor', 'action', 'vmName', 'sourceHost', 'destHost', 'outcome', 'durationMs']);
export type AuditSortField = z.infer<typeof AuditSortField>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
