import { z } from 'zod';
import { ErrorCode } from '../api/errors';
import { Id } from './inventory';

/** compute: memory only (storage shared); storage: disks only, VM stays; both: shared-nothing. */
export const MigrationType = z.enum(['compute', 'storage', 'both']);
export type MigrationType = z.infer<typeof MigrationType>;

export const Priority = z.enum(['high', 'default', 'low']);

/** The most VMs one migration request (a batch, a schedule) holds. */
export const maxBatchVms = 500;
export type Priority = z.infer<typeof Priority>;

export const ConvergencePolicy = z.object({
  /** Downtime the guest may see at switchover. */
  maxDowntimeMs: z.number().int().min(10).max(60_000),
  /** Raise the downtime limit step by step up to this value when pre-copy does not converge. */
  downtimeRampMaxMs: z.number().int().min(10).max(60_000),
  autoConverge: z.boolean(),
  allowPostCopy: z.boolean(),
  /** Give up when the copy takes longer than this per GiB of guest memory. */
  completionTimeoutSecPerGiB: z.number().positive().max(3600),
  /** Give up when no byte moves for this long. */
  progressTimeoutSec: z.number().positive().max(3600),
});
export type ConvergencePolicy = z.infer<typeof ConvergencePolicy>;

export const defaultConvergencePolicy: ConvergencePolicy = {
  maxDowntimeMs: 300,
  downtimeRampMaxMs: 1000,
  autoConverge: true,
  allowPostCopy: true,
  completionTimeoutSecPerGiB: 60,
  progressTimeoutSec: 30,
};

export const MigrationOptions = z.object({
  /** null: as fast as the link allows. */
  bandwidthLimitBps: z.number().positive().nullable(),
  convergence: ConvergencePolicy,
  /** Encrypt the migration stream with TLS between the hosts (libvirt's VIR_MIGRATE_TLS); default off. */
  encryptStream: z.boolean().optional(),
});
export type MigrationOptions = z.infer<typeof MigrationOptions>;

/** The phases in run order; `queued` precedes them and is not journaled as a phase of work. */
export const Phase = z.enum(['queued', 'prepare', 'precheck', 'reserve', 'storage', 'memory', 'switchover', 'verify', 'commit', 'done']);
export type Phase = z.infer<typeof Phase>;

export const TaskState = z.enum(['queued', 'running', 'completed', 'completed_with_problems', 'aborted', 'failed']);
export type TaskState = z.infer<typeof TaskState>;

export const Progress = z.object({
  /** 0..1, never runs backwards. */
  fraction: z.number().min(0).max(1),
  iteration: z.number().int().nonnegative(),
  memoryTotalBytes: z.number().nonnegative(),
  memoryProcessedBytes: z.number().nonnegative(),
  memoryRemainingBytes: z.number().nonnegative(),
  diskTotalBytes: z.number().nonnegative(),
  diskProcessedBytes: z.number().nonnegative(),
  diskRemainingBytes: z.number().nonnegative(),
  bandwidthBps: z.number().nonnegative(),
  dirtyRateBps: z.number().nonnegative(),
  /** Time left for the whole migration: one estimate from the prediction, corrected by measured progress (engine/run/eta.ts). */
  etaMs: z.number().nonnegative().nullable(),
  expectedDowntimeMs: z.number().nonnegative().nullable(),
  downtimeMs: z.number().nonnegative().nullable(),
  /** The guest's silence around the switchover as Ferry saw it (an active probe); null when not observed. */
  observedDowntimeMs: z.number().nonnegative().nullable(),
  throttlePercent: z.number().min(0).max(100),
  /** The switchover's downtime limit now (the convergence policy raises it); null before the copy reports it. */
  downtimeLimitMs: z.number().nonnegative().nullable(),
  postCopy: z.boolean(),
});
export type Progress = z.infer<typeof Progress>;

/** What a prediction was made from, so the UI can say whether the figures were measured or assumed. */
export const PredictionBasis = z.object({
  dirtyRateBps: z.number().nonnegative(),
  /**
   * measured: the hypervisor sampled the guest (at dirtyRateMeasuredAt); reported: the backend's own
   * figure (the simulated datacenter's model); assumed: nothing measured yet, taken as 0.
   */
  dirtyRateSource: z.enum(['measured', 'reported', 'assumed']),
  dirtyRateMeasuredAt: z.string().nullable(),
  /** The link speed used, before sharing with migrations already on it. */
  linkBps: z.number().nonnegative(),
  /** learned: the median of recent completed migrations between these hosts; configured: set with the host; assumed: a default. */
  linkSource: z.enum(['learned', 'configured', 'assumed']),
  /** Completed migrations the learned speed is the median of (0 unless learned). */
  linkSamples: z.number().int().nonnegative(),
  /** Learned with the link: a move's time besides its copy, and its switchover beyond the last pass (absent: generic figures). */
  fixedMs: z.number().nonnegative().optional(),
  switchoverMs: z.number().nonnegative().optional(),
});
export type PredictionBasis = z.infer<typeof PredictionBasis>;

export const Prediction = z.object({
  /** null when the migration is not expected to finish under its policy. */
  durationMs: z.number().nonnegative().nullable(),
  downtimeMs: z.number().nonnegative().nullable(),
  /**
   * The most the pause may take: the limit its last pass fits under, plus the switchover. Where the
   * last pass boundary falls (a link a little slower, a guest a little busier) moves the pause
   * anywhere up to it, so `downtimeMs` alone misled by 10× (new-user review 10, 6). Absent in older predictions.
   */
  downtimeBoundMs: z.number().nonnegative().optional(),
  /** The pause beyond the last pass (device state, handing over): what a running copy's limit does not count. */
  switchoverMs: z.number().nonnegative().optional(),
  iterations: z.number().int().nonnegative(),
  transferBytes: z.number().nonnegative(),
  converges: z.boolean(),
  /**
   * What the policy will have to do: plain pre-copy, ramp downtime, throttle, post-copy, or nothing
   * works; `times-out`: it would converge, but after its give-up limit; `cold`: a powered-off guest,
   * re-registered (its disks copied), no memory and no switchover.
   */
  strategy: z.enum(['precopy', 'downtime-ramp', 'auto-converge', 'post-copy', 'will-not-converge', 'times-out', 'cold']),
  /**
   * The copy outlasts its give-up limit (completionTimeoutSecPerGiB): the engine rolls it back
   * `afterMs` after the start. `copyMs`: what the memory copy would have needed; null: it never converges.
   */
  givesUp: z.object({ afterMs: z.number().nonnegative(), copyMs: z.number().nonnegative().nullable() }).optional(),
  /** Absent in predictions made before Ferry recorded it. */
  basis: PredictionBasis.optional(),
  /**
   * A batch's move: how long after its request it was predicted to start (the Ready page's schedule;
   * 0: at once), so its queued row counts down to the same moment. Absent: not planned as a batch.
   */
  startsInMs: z.number().nonnegative().optional(),
});
export type Prediction = z.infer<typeof Prediction>;

/**
 * How Ferry knew the guest was alive on the destination after the move, strongest first:
 * - `guest-probe`: Ferry's probe inside the guest (domain metadata) answered as the same boot;
 * - `guest-agent-same-boot`: the QEMU guest agent answered, its clock moved on, and the guest's
 *   boot id (read through the agent where the host allows it) is the one from before the move;
 * - `guest-agent`: the agent answered and its clock moved on; a reboot on the way is not ruled out;
 * - `running-only`: only the hypervisor's word that the guest runs (no probe, no agent answering).
 */
export const Verification = z.enum(['guest-probe', 'guest-agent-same-boot', 'guest-probe-answered', 'guest-agent', 'running-only']);
export type Verification = z.infer<typeof Verification>;

export const Outcome = z.object({
  durationMs: z.number().nonnegative(),
  downtimeMs: z.number().nonnegative().nullable(),
  observedDowntimeMs: z.number().nonnegative().nullable(),
  transferredBytes: z.number().nonnegative(),
  iterations: z.number().int().nonnegative(),
  /** How the guest was found alive after the move; null when nothing was verified (a cold move, a failure before verify). */
  verification: Verification.nullable(),
});
export type Outcome = z.infer<typeof Outcome>;

/** Which cost cap keeps a queued migration waiting, or which host a migration waits to hear from. */
export const WaitReason = z.object({
  kind: z.enum(['host', 'network', 'datastore', 'priority', 'vm', 'schedule-window', 'unreachable']),
  resourceId: z.string(),
  resourceName: z.string(),
  used: z.number(),
  cap: z.number(),
  cost: z.number(),
});
export type WaitReason = z.infer<typeof WaitReason>;

/**
 * Where a VM of a batch falls among the moves sharing its links (the batch's own and those queued
 * or running), from the moment the batch is requested: an admin plans around when each one ends.
 */
export const BatchSlot = z.object({
  startsInMs: z.number().nonnegative(),
  /** null when its migration is not expected to finish. */
  finishesInMs: z.number().nonnegative().nullable(),
  /** The cap it waits for before it starts; null when it starts at once. */
  waitsFor: WaitReason.nullable(),
});
export type BatchSlot = z.infer<typeof BatchSlot>;

export const TaskError = z.object({ code: ErrorCode, message: z.string(), hint: z.string().optional() });
export type TaskError = z.infer<typeof TaskError>;

/**
 * Ferry shut a running guest down for this move ("power off and move cold": maintenance, failback),
 * so unlike a VM that was off all along, its services are down from then until its power-on at the
 * destination (issue #14).
 */
export const GuestShutDown = z.object({
  /** When Ferry began shutting the guest down (or, forced, powered it off). */
  at: z.string(),
  /** The admin asked for it to be powered on at its destination once moved. */
  powerOnAfter: z.boolean(),
  /** When it was powered on there; null while it is off. */
  poweredOnAt: z.string().nullable(),
});
export type GuestShutDown = z.infer<typeof GuestShutDown>;

export const Task = z.object({
  id: Id,
  vmId: Id,
  vmName: z.string(),
  type: MigrationType,
  sourceHostId: Id,
  destHostId: Id,
  sourceDatastoreIds: z.array(Id),
  destDatastoreId: Id.nullable(),
  priority: Priority,
  options: MigrationOptions,
  state: TaskState,
  phase: Phase,
  cancelRequested: z.boolean(),
  waitingFor: WaitReason.nullable(),
  progress: Progress,
  prediction: Prediction.nullable(),
  outcome: Outcome.nullable(),
  error: TaskError.nullable(),
  problems: z.array(z.string()),
  /** Warnings the requester accepted; a new warning at start-up stops the migration. */
  acknowledgedWarnings: z.array(z.string()),
  /** The VM was powered off: it moves cold (re-registered on the destination), nothing runs meanwhile. */
  cold: z.boolean(),
  /** Cold because Ferry shut the running guest down for the move; null when it was off before (tasks stored before it was kept too). */
  shutDownForMove: GuestShutDown.nullable().default(null),
  /**
   * The one-way door: the guest may run on the destination (post-copy asked for, or the hypervisor
   * switched it over). Written before it takes effect; from then on nothing is rolled back.
   */
  switchedOver: z.boolean(),
  /** The guest's boot before the move (journaled with prepare), so a guest that rebooted on the way is caught. */
  sourceBootId: z.string().nullable(),
  /** The guest agent's clock before the move and Ferry's clock when it was read, so verify can tell it moved on. */
  sourceAgentClock: z.object({ guestMs: z.number(), hostMs: z.number() }).nullable(),
  /** How verify found the guest alive (journaled before commit, copied into the outcome). */
  verification: Verification.nullable(),
  requestedBy: z.string(),
  scheduleId: Id.nullable(),
  batchId: Id.nullable(),
  /**
   * The operation the move serves when that is not its batch (a failback's moves: the maintenance
   * they undo), named in each of its audit records so one search of that id finds them. Tasks
   * stored before it was kept have none.
   */
  operationId: Id.nullable().default(null),
  /** A scheduled migration must start, and switch over, before this time or it is rolled back. */
  windowEndsAt: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

export const TimelinePoint = z.object({
  atMs: z.number().nonnegative(),
  phase: Phase,
  iteration: z.number().int().nonnegative(),
  memoryRemainingBytes: z.number().nonnegative(),
  diskRemainingBytes: z.number().nonnegative(),
  dirtyRateBps: z.number().nonnegative(),
  bandwidthBps: z.number().nonnegative(),
  throttlePercent: z.number().min(0).max(100),
  downtimeLimitMs: z.number().nonnegative(),
});
export type TimelinePoint = z.infer<typeof TimelinePoint>;
