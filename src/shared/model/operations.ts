import { z } from 'zod';
import { ErrorCode } from '../api/errors';
import { Id } from './inventory';
import { PrecheckResult } from './precheck';

/** What an evacuation moves beyond running VMs on shared storage; both only when the admin asks. */
export const EvacuationOptions = z.strictObject({
  /** Running VMs on the host's local datastores move with their disks (shared-nothing). */
  withLocalDisks: z.boolean().default(false),
  /** Powered-off VMs move too, cold (re-registered on the destination). */
  poweredOff: z.boolean().default(false),
});
export type EvacuationOptions = z.infer<typeof EvacuationOptions>;
export const noEvacuationOptions: EvacuationOptions = { withLocalDisks: false, poweredOff: false };

/** live: memory only; with-disk: shared-nothing (memory and disks); cold: a powered-off VM re-registered. */
export const MoveKind = z.enum(['live', 'with-disk', 'cold']);
export type MoveKind = z.infer<typeof MoveKind>;

/** One of the home host's datastores a failback can put a VM's disks on. */
export const DatastoreChoice = z.object({
  datastoreId: Id,
  datastoreName: z.string(),
  /** Where the disks came from: the planner's own choice. */
  origin: z.boolean(),
  /** Every disk is on it already: choosing it leaves them there and moves the VM alone. */
  holdsDisks: z.boolean(),
});
export type DatastoreChoice = z.infer<typeof DatastoreChoice>;

export const StoreChoice = z.object({ selectedId: Id, choices: z.array(DatastoreChoice) });
export type StoreChoice = z.infer<typeof StoreChoice>;

export const PlannedMove = z.object({
  vmId: Id,
  vmName: z.string(),
  destHostId: Id,
  destHostName: z.string(),
  missionCritical: z.boolean(),
  kind: MoveKind,
  /** Where its disks go when they move; null when they stay where they are. */
  destDatastoreId: Id.nullable(),
  destDatastoreName: z.string().nullable(),
  /** Estimated start and end, from the plan's start. */
  startMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
  /**
   * What the wizard's prechecks warn of for this move, worded for the plan: a guest that may not
   * converge on its link (WILL_NOT_CONVERGE). Absent when there is nothing to say.
   */
  warnings: z.array(PrecheckResult).optional(),
  /** A failback's move that carries disks back: the home host's stores that can take them, the admin's to choose. */
  storeChoice: StoreChoice.optional(),
});
export type PlannedMove = z.infer<typeof PlannedMove>;

/** The stores an admin chose for a failback's disks, by VM id (the planner's choice where a VM is absent). */
export const FailbackStores = z.record(Id, Id).refine((stores) => Object.keys(stores).length <= 5000, 'at most 5000 VMs');
export type FailbackStores = z.infer<typeof FailbackStores>;

/**
 * Ferry powering off a VM the evacuation left behind to move it cold: shutting-down (the guest
 * was asked), powering-off (forced, confirmed twice), moving (its cold move runs), done;
 * timed-out (it still runs where it was, nothing moved), failed, interrupted (Ferry restarted).
 */
export const PowerOffState = z.enum(['shutting-down', 'powering-off', 'moving', 'done', 'timed-out', 'failed', 'interrupted']);
export type PowerOffState = z.infer<typeof PowerOffState>;

export const PowerOffStatus = z.object({
  state: PowerOffState,
  /** Power it on at its destination once moved; else it stays off there, as vCenter leaves it. */
  powerOnAfter: z.boolean(),
  forced: z.boolean(),
  requestedAt: z.string(),
  error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
});
export type PowerOffStatus = z.infer<typeof PowerOffStatus>;

export const BlockedVm = z.object({
  vmId: Id,
  vmName: z.string(),
  reasons: z.array(PrecheckResult),
  /** What the admin can do: power off, cold migrate, remove the device... */
  options: z.array(z.string()),
  /** The actions Ferry can take for it from the maintenance panel. */
  actions: z.array(z.enum(['move-with-disk', 'power-off-and-move-cold', 'retry'])),
  /**
   * The hosts that would take it once it is off, by name: where "power off and move cold" sends it
   * (the roomiest of them then). Absent in plans stored before it was kept.
   */
  coldHostNames: z.array(z.string()).optional(),
  /** Set while (or once) Ferry powers it off to move it cold. */
  powerOff: PowerOffStatus.nullable().optional(),
});
export type BlockedVm = z.infer<typeof BlockedVm>;

/** A move into the host under way when it is asked to enter maintenance. */
export const PlannedIncoming = z.object({
  vmName: z.string(),
  fromHostName: z.string(),
  /** Not switched over yet: entering cancels it and the VM stays where it is; else it lands, then is evacuated. */
  cancellable: z.boolean(),
});
export type PlannedIncoming = z.infer<typeof PlannedIncoming>;

export const EvacuationPlan = z.object({
  hostId: Id,
  moves: z.array(PlannedMove),
  blocked: z.array(BlockedVm),
  /**
   * The powered-off VMs left on the host because moving them was not asked: named, so the admin
   * sees them, yet neither moves nor blocked (a host is in maintenance once no VM runs on it).
   */
  poweredOffStaying: z.array(z.object({ vmId: Id, vmName: z.string() })),
  /** VMs already on their way off the host to one that stays (a failback under way): they leave with that move, not the plan's. */
  leavingAlready: z.array(z.object({ vmId: Id, vmName: z.string(), toHostName: z.string() })).optional(),
  makespanMs: z.number().nonnegative(),
  lowerBoundMs: z.number().nonnegative(),
  /** What entering does to the moves into the host under way (none when planned for several hosts). */
  incoming: z.array(PlannedIncoming).optional(),
});
export type EvacuationPlan = z.infer<typeof EvacuationPlan>;

/** What leaving maintenance did to an evacuation under way, by VM name. */
export const MaintenanceExitReport = z.object({
  /** Rolled back (or dropped before they started): these VMs stay on the host. */
  cancelled: z.array(z.string()),
  /** Past the point of no return (switched over): these finish their move. */
  finishing: z.array(z.string()),
  /** Already moved before the host left maintenance. */
  moved: z.array(z.string()),
});
export type MaintenanceExitReport = z.infer<typeof MaintenanceExitReport>;

/**
 * `stage` is the one word the panel and the status bar both show: entering (moves under way),
 * cannot-finish (every move ended, VMs that cannot move still run there), on, off.
 */
export const MaintenanceProgress = z.object({
  hostId: Id,
  state: z.enum(['off', 'entering', 'on']),
  stage: z.enum(['off', 'entering', 'cannot-finish', 'on']),
  /** The maintenance operation (its id links its audit records, and its failback's). */
  operationId: Id.nullable(),
  /** When that operation began (ISO): the audit trail's filter chip names it by host and time. */
  operationStartedAt: z.string().nullable().optional(),
  /**
   * A host off maintenance with nothing left to say of its last one: that operation still, so the
   * panel keeps its link to the audit trail (the maintenance and its failback; new-user review 10).
   */
  lastOperation: z.object({ id: Id, startedAt: z.string() }).nullable().optional(),
  /** n of m: only the VMs the evacuation moves. */
  moved: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  blocked: z.array(BlockedVm),
  /**
   * The moves into the host under way when it began entering: cancelled (the VM stayed on its
   * source), arriving (past the switchover, it lands and is then evacuated with the others), landed.
   */
  incoming: z.array(z.object({ vmName: z.string(), outcome: z.enum(['cancelled', 'arriving', 'landed']) })).optional(),
  /**
   * While entering, the VMs a move other than the evacuation takes off the host (a failback under
   * way when it began entering: the plan's `leavingAlready`): the host waits for them too.
   * `withFailbackOf`: the host whose failback moves it, else null.
   */
  leavingWithOwnMove: z.array(z.object({ vmName: z.string(), toHostName: z.string(), withFailbackOf: z.string().nullable() })).optional(),
  /** Set once the host left maintenance while entering it, until the admin dismisses it. */
  exitReport: MaintenanceExitReport.nullable(),
  /** When the host left maintenance (ISO), while there is something to say about it. */
  exitedAt: z.string().nullable().optional(),
  /** VMs maintenance moved that are still where it put them, offered to move back. */
  failbackCount: z.number().int().nonnegative(),
  /**
   * What that failback cannot move back now, with the first reason: listed apart, not counted
   * (new-user review m3); with the state of its "power off and move back cold" once asked.
   */
  failbackBlocked: z.array(z.object({ vmName: z.string(), reason: z.string(), powerOff: PowerOffState.nullable().optional() })).optional(),
  /** A failback began: the offer is of what it did not move back (new-user review, finding A), until the admin answers. */
  leftByFailback: z.boolean().optional(),
  /** The failback under way after leaving: n of m moved back (null when none runs). */
  failback: z.object({ moved: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable().optional(),
});
export type MaintenanceProgress = z.infer<typeof MaintenanceProgress>;

/** Moving back what a maintenance moved, for confirmation: mission-critical first. */
export const FailbackPlan = z.object({
  hostId: Id,
  operationId: Id,
  moves: z.array(PlannedMove),
  blocked: z.array(BlockedVm),
  makespanMs: z.number().nonnegative(),
});
export type FailbackPlan = z.infer<typeof FailbackPlan>;

export const BalancingRecommendation = z.object({
  id: Id,
  clusterId: Id,
  vmId: Id,
  vmName: z.string(),
  fromHostId: Id,
  fromHostName: z.string(),
  toHostId: Id,
  toHostName: z.string(),
  reason: z.string(),
  /** Standard deviation of host load in the cluster, before and after this move. */
  spreadBefore: z.number(),
  spreadAfter: z.number(),
  /** The cost weighed against that gain: the engine's prediction of the move (it converges without throttling). */
  predictedDurationMs: z.number().int().nonnegative(),
  predictedDowntimeMs: z.number().int().nonnegative(),
});
export type BalancingRecommendation = z.infer<typeof BalancingRecommendation>;

/** Advice about a host rather than a VM: evacuate a degraded host; VMs down with a failed one. */
export const HostAdvice = z.object({
  hostId: Id,
  hostName: z.string(),
  kind: z.enum(['evacuate-degraded', 'failed-host']),
  message: z.string(),
  vmNames: z.array(z.string()),
});
export type HostAdvice = z.infer<typeof HostAdvice>;

export const Recommendations = z.object({
  balancing: z.array(BalancingRecommendation),
  /** How often automated clusters are balanced (and once when a cluster is made more automated). */
  balancingPeriodMs: z.number().int().positive(),
  advice: z.array(HostAdvice),
  /** Load spread per cluster now, and the tolerance its threshold allows. */
  clusters: z.array(z.object({ clusterId: Id, clusterName: z.string(), spread: z.number(), tolerance: z.number() })),
});
export type Recommendations = z.infer<typeof Recommendations>;

/** A recommendation someone (or a cluster's automation) applied: when, by whom, what, and how it went. */
export const AppliedRecommendation = z.object({
  id: z.number().int(),
  appliedAt: z.string(),
  actor: z.string(),
  clusterId: Id,
  vmId: Id,
  vmName: z.string(),
  fromHostName: z.string(),
  toHostName: z.string(),
  reason: z.string(),
  spreadBefore: z.number(),
  spreadAfter: z.number(),
  predictedDurationMs: z.number().int().nonnegative(),
  taskId: Id.nullable(),
  /** The task's state now (queued, running, completed...), or "refused" when the engine did not take the move. */
  outcome: z.string(),
  /** Why the engine refused it, or why its task failed. */
  problem: z.string().nullable(),
});
export type AppliedRecommendation = z.infer<typeof AppliedRecommendation>;
