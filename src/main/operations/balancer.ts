import { createHash } from 'node:crypto';
import type { Cluster, Host, Vm } from '../../shared/model/inventory';
import type { BalancingRecommendation } from '../../shared/model/operations';
import { precheckHost, subjectOf } from '../engine/planning/prechecks';
import type { EngineView } from '../engine/planning/view';

/** Load spread a cluster may keep, by threshold: 1 tolerates a lot (conservative), 5 little (aggressive). */
const tolerances = [0.2, 0.15, 0.1, 0.07, 0.05] as const;
export const toleranceOf = (threshold: number): number => tolerances[Math.min(5, Math.max(1, threshold)) - 1] as number;
const maxMovesPerRound = 10;
const minImprovement = 0.002;

/** A host's load: the busier of its CPU and memory. */
const loadOf = (cpu: number, memory: number): number => Math.max(cpu, memory);

function spread(loads: readonly number[]): number {
  if (loads.length === 0) return 0;
  const mean = loads.reduce((s, l) => s + l, 0) / loads.length;
  return Math.sqrt(loads.reduce((s, l) => s + (l - mean) ** 2, 0) / loads.length);
}

interface Model {
  host: Host;
  cpu: number;
  memory: number;
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

/**
 * Balancing recommendations for one cluster, DRS style: while the standard deviation of host
 * loads exceeds the threshold's tolerance, move the VM (from the busiest host, to a compatible
 * host) that lowers it most; stop when no move helps enough.
 */
export function recommendBalancing(
  view: EngineView,
  cluster: Cluster,
  migrating: ReadonlySet<string>,
): { recommendations: BalancingRecommendation[]; spread: number; tolerance: number } {
  const models: Model[] = view
    .allHosts()
    .filter((h) => h.clusterId === cluster.id && h.maintenance === 'off' && h.health === 'ok' && h.connection === 'connected')
    .map((host) => ({ host, cpu: host.cpuUsage, memory: host.memoryBytes > 0 ? host.memoryUsedBytes / host.memoryBytes : 1 }));
  const tolerance = toleranceOf(cluster.policy.threshold);
  const current = () => spread(models.map((m) => loadOf(m.cpu, m.memory)));
  const initial = current();
  const vmsByHost = new Map<string, Vm[]>();
  for (const vm of view.allVms())
    if (vm.power === 'running' && !migrating.has(vm.id)) vmsByHost.set(vm.hostId, [...(vmsByHost.get(vm.hostId) ?? []), vm]);
  const recommendations: BalancingRecommendation[] = [];
  const moved = new Set<string>();

  for (let round = 0; round < maxMovesPerRound && current() > tolerance; round++) {
    const before = current();
    const busiest = [...models].sort((a, b) => loadOf(b.cpu, b.memory) - loadOf(a.cpu, a.memory))[0];
    if (!busiest) break;
    let best: { vm: Vm; to: Model; after: number; score: number } | null = null;
    for (const vm of vmsByHost.get(busiest.host.id) ?? []) {
      // Guests that outrun the link would need throttling or post-copy: never worth it for balance.
      if (moved.has(vm.id) || vm.devices.some((d) => !d.migratable) || vm.dirtyRateBps >= busiest.host.migrationBandwidthBps * 0.8)
        continue;
      const cpuShare = (vm.cpuUsage * vm.vcpus) / busiest.host.cpu.cores;
      const memShare = vm.memoryBytes / busiest.host.memoryBytes;
      const subject = subjectOf(view, vm, 'compute', null, false);
      for (const to of models) {
        if (to === busiest) continue;
        if (precheckHost(view, subject, to.host, undefined, true).some((c) => c.severity === 'error')) continue;
        const after = spread(
          models.map((m) =>
            m === busiest
              ? loadOf(m.cpu - cpuShare, m.memory - memShare)
              : m === to
                ? loadOf(m.cpu + (vm.cpuUsage * vm.vcpus) / to.host.cpu.cores, m.memory + vm.memoryBytes / to.host.memoryBytes)
                : loadOf(m.cpu, m.memory),
          ),
        );
        // Benefit against cost: the same gain from a smaller guest is the better move.
        const score = (before - after) / Math.log2(2 + vm.memoryBytes / 1024 ** 3);
        if (!best || score > best.score) best = { vm, to, after, score };
      }
    }
    if (!best || before - best.after < minImprovement) break;
    const { vm, to, after } = best;
    busiest.cpu -= (vm.cpuUsage * vm.vcpus) / busiest.host.cpu.cores;
    busiest.memory -= vm.memoryBytes / busiest.host.memoryBytes;
    to.cpu += (vm.cpuUsage * vm.vcpus) / to.host.cpu.cores;
    to.memory += vm.memoryBytes / to.host.memoryBytes;
    moved.add(vm.id);
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
      reason: `${busiest.host.name} is the busiest host of ${cluster.name} (${Math.round(loadOf(busiest.cpu + (vm.cpuUsage * vm.vcpus) / busiest.host.cpu.cores, busiest.memory + vm.memoryBytes / busiest.host.memoryBytes) * 100)}% load); ${to.host.name} has room`,
      spreadBefore: before,
      spreadAfter: after,
    });
  }
  return { recommendations, spread: initial, tolerance };
}
