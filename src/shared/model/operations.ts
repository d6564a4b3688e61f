import { z } from 'zod';
import { Id } from './inventory';
import { PrecheckResult } from './precheck';

export const PlannedMove = z.object({
  vmId: Id,
  vmName: z.string(),
  destHostId: Id,
  destHostName: z.string(),
  missionCritical: z.boolean(),
  /** Estimated start and end, from the plan's start. */
  startMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
});
export type PlannedMove = z.infer<typeof PlannedMove>;

export const BlockedVm = z.object({
  vmId: Id,
  vmName: z.string(),
  reasons: z.array(PrecheckResult),
  /** What the admin can do: power off, cold migrate, remove the device... */
  options: z.array(z.string()),
});
export type BlockedVm = z.infer<typeof BlockedVm>;

export const EvacuationPlan = z.object({
  hostId: Id,
  moves: z.array(PlannedMove),
  blocked: z.array(BlockedVm),
  makespanMs: z.number().nonnegative(),
  lowerBoundMs: z.number().nonnegative(),
});
export type EvacuationPlan = z.infer<typeof EvacuationPlan>;

export const MaintenanceProgress = z.object({
  hostId: Id,
  state: z.enum(['off', 'entering', 'on']),
  moved: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  blocked: z.array(BlockedVm),
});
export type MaintenanceProgress = z.infer<typeof MaintenanceProgress>;

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
