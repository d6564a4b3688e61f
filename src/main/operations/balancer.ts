import { createHash } from 'node:crypto';
import type { Cluster, Vm } from '../../shared/model/inventory';
import { formatDuration } from '../../shared/model/duration';
import type { BalancingRecommendation } from '../../shared/model/operations';
import { precheckHost } from '../engine/planning/prechecks';
import { subjectOf } from '../engine/planning/precheck-subject';
import { inboundByHost, type EngineView } from '../engine/planning/view';
import { candidatesByHost, clusterLoads, loadOf, shareOn, spread, type HostLoad, type PendingMove } from './balancing/host-loads';
import { costOf, refusalOf, type PredictMove } from './balancing/move-cost';

/** Load spread a cluster may keep, by threshold: 1 tolerates a lot (conservative), 5 little (aggressive). */
const tolerances = [0.2, 0.15, 0.1, 0.07, 0.05] as const;
export const toleranceOf = (threshold: number): number => tolerances[Math.min(5, Math.max(1, threshold)) - 1] as number;
const maxMovesPerRound = 10;
const minImprovement = 0.002;

export interface BalancingContext {
  /** Migrations queued or running: their VMs are not recommended again, and loads count them as done. */
  pending: readonly PendingMove[];
  /** The engine's prediction of a compute move of `vm` to `to`: what the move costs, and whether it converges. */
  predict: PredictMove;
  /** The candidates of every host, for a pass over many clusters: read once, not once per cluster (40,000 guests). */
  candidates?: ReadonlyMap<string, Vm[]>;
}

/**
 * The recommendations a cluster's policy applies without asking: all under full automation, all
 * but mission-critical VMs' under partial (those are left to a human), none under manual.
 */
export function automaticallyApplied(
  view: EngineView,
  cluster: Cluster,
  recommendations: readonly BalancingRecommendation[],
): BalancingRecommendation[] {
  switch (cluster.policy.balancing) {
    case 'manual':
      return [];
    case 'partial':
      return recommendations.filter((r) => !view.vm(r.vmId)?.missionCritical);
    case 'full':
      return [...recommendations];
  }
}

interface Candidate {
  vm: Vm;
  to: HostLoad;
  after: number;
  score: number;
  durationMs: number;
  downtimeMs: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Balancing recommendations for one cluster, DRS style: while the standard deviation of host loads
 * (moves in flight counted as done) exceeds the threshold's tolerance, take the move off the busiest
 * host with the best benefit for its cost (spread gained ÷ predicted duration and pause); stop when
 * no move helps enough. Deterministic: hosts and VMs are visited in name order and only a strictly
 * better score replaces the best so far, so the same inventory always gives the same advice.
 */
export function recommendBalancing(
  view: EngineView,
  cluster: Cluster,
  ctx: BalancingContext,
): { recommendations: BalancingRecommendation[]; spread: number; tolerance: number } {
  const models = clusterLoads(view, cluster.id, ctx.pending);
  const tolerance = toleranceOf(cluster.policy.threshold);
  const current = () => spread(models.map(loadOf));
  const initial = current();
  const candidates = ctx.candidates ?? candidatesByHost(view, ctx.pending, new Set(models.map((m) => m.host.id)));
  const inbound = inboundByHost(ctx.pending, view);
  const recommendations: BalancingRecommendation[] = [];
  const moved = new Set<string>();

  for (let round = 0; round < maxMovesPerRound && current() > tolerance; round++) {
    const before = current();
    // Stable sort over name-ordered hosts: the first of equally busy hosts by name.
    const busiest = [...models].sort((a, b) => loadOf(b) - loadOf(a))[0];
    if (!busiest) break;
    let best: Candidate | null = null;
    for (const vm of candidates.get(busiest.host.id) ?? []) {
      if (moved.has(vm.id)) continue;
      const out = shareOn(vm, busiest.host);
      const subject = subjectOf(view, vm, 'compute', null, false);
      for (const to of models) {
        if (to === busiest) continue;
        if (precheckHost(view, subject, to.host, inbound.get(to.host.id), true).some((c) => c.severity === 'error')) continue;
        const into = shareOn(vm, to.host);
        const after = spread(
          models.map((m) =>
            m === busiest
              ? loadOf({ cpu: m.cpu - out.cpu, memory: m.memory - out.memory })
              : m === to
                ? loadOf({ cpu: m.cpu + into.cpu, memory: m.memory + into.memory })
                : loadOf(m),
          ),
        );
        if (before - after < minImprovement) continue;
        const prediction = ctx.predict(vm, to.host);
        if (refusalOf(prediction) !== null) continue;
        const score = (before - after) / costOf(prediction);
        if (!best || score > best.score)
          best = { vm, to, after, score, durationMs: prediction.durationMs ?? 0, downtimeMs: prediction.downtimeMs ?? 0 };
      }
    }
    if (!best) break;
    const { vm, to, after } = best;
    const loadBefore = loadOf(busiest);
    const out = shareOn(vm, busiest.host);
    const into = shareOn(vm, to.host);
    busiest.cpu -= out.cpu;
    busiest.memory -= out.memory;
    to.cpu += into.cpu;
    to.memory += into.memory;
    moved.add(vm.id);
    const entry = inbound.get(to.host.id) ?? { memoryBytes: 0, vcpus: 0, diskBytesByDatastore: new Map<string, number>() };
    entry.memoryBytes += vm.memoryBytes;
    entry.vcpus += vm.vcpus;
    inbound.set(to.host.id, entry);
    recommendations.push({
      // Stable across refreshes of the same advice, so "apply" refers to what the admin saw.
      id: createHash('sha1').update(`${cluster.id}/${vm.id}/${busiest.host.id}/${to.host.id}`).digest('hex').slice(0, 16),
      clusterId: cluster.id,
      vmId: vm.id,
      vmName: vm.name,
      fromHostId: busiest.host.id,
      fromHostName: busiest.host.name,
      toHostId: to.host.id,
      toHostName: to.host.name,
      reason: `${busiest.host.name} is the busiest host of ${cluster.name} (${pct(loadBefore)} load); ${to.host.name} has room; the move takes about ${formatDuration(best.durationMs)} with a ${Math.round(best.downtimeMs)} ms pause`,
      spreadBefore: before,
      spreadAfter: after,
      predictedDurationMs: Math.round(best.durationMs),
      predictedDowntimeMs: Math.round(best.downtimeMs),
    });
  }
  return { recommendations, spread: initial, tolerance };
}
