import { z } from 'zod';
import { ErrorCode } from '../api/errors';
import { Id } from './inventory';
import { maxBatchVms, MigrationOptions, MigrationType, Priority } from './migration';
import { PrecheckCode } from './precheck';
import { storable } from './text';

/** What to migrate: the one request shape behind the wizard, drag and drop, schedules and automation. */
/** Which VMs go where: one destination of a batch, as the wizard checks, predicts and starts it. */
export const MigrationTarget = z.strictObject({
  vmIds: z.array(Id).min(1).max(maxBatchVms),
  /** null for storage-only moves: the VM stays on its host. */
  destHostId: Id.nullable(),
  type: MigrationType,
  destDatastoreId: Id.nullable(),
});
export type MigrationTarget = z.infer<typeof MigrationTarget>;

export const MigrationRequest = MigrationTarget.extend({
  priority: Priority,
  options: MigrationOptions,
  acknowledgedWarnings: z.array(PrecheckCode),
});
export type MigrationRequest = z.infer<typeof MigrationRequest>;

/**
 * How far in the past a one-off time may be and still be taken (it then runs at once): the console's
 * clock and Ferry's may differ a little, and "this minute" typed into a minute-precision field is
 * already seconds ago. Anything older has passed, and is refused rather than stored as a run that never comes.
 */
export const onceSkewMs = 60_000;

export const ScheduleTiming = z.discriminatedUnion('kind', [
  // The zone the time was chosen in, and is shown in (absent: schedules made before zones were kept).
  z.strictObject({ kind: z.literal('once'), at: z.iso.datetime(), timezone: z.string().min(1).max(64).optional() }),
  z.strictObject({ kind: z.literal('recurring'), cron: z.string().min(9).max(120), timezone: z.string().min(1).max(64) }),
]);
export type ScheduleTiming = z.infer<typeof ScheduleTiming>;

const ScheduleName = storable(z.string().min(1).max(120));

export const ScheduleInput = z.strictObject({
  // A new name of only spaces would read as none in the list (one stored before stays readable: Schedule).
  name: ScheduleName.refine((name) => name.trim() !== '', 'a name of only spaces'),
  timing: ScheduleTiming,
  /** Minutes after each fire time during which the migration may start and must switch over. */
  windowMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .nullable(),
  /** A run missed while Ferry was down still fires if it is late by less than this. */
  graceMinutes: z
    .number()
    .int()
    .nonnegative()
    .max(7 * 24 * 60),
  request: MigrationRequest,
});
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export const ScheduleRefusal = z.object({ at: z.string(), code: ErrorCode, message: z.string() });
export type ScheduleRefusal = z.infer<typeof ScheduleRefusal>;

export const Schedule = ScheduleInput.extend({
  name: ScheduleName,
  id: Id,
  paused: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The due time of the last run handled, fired or missed. */
  lastFiredAt: z.string().nullable(),
  /** The due time of the last run missed (later than the grace period); shown missed when it is the last handled. */
  lastMissedAt: z.string().nullable(),
  /** The last run the engine refused (its due time, and why); shown when it is the last handled. */
  lastRefusal: ScheduleRefusal.nullable(),
  nextRuns: z.array(z.string()),
});
export type Schedule = z.infer<typeof Schedule>;
