import type { Host, Vm } from '../../../shared/model/inventory';
import type { MigrationType } from '../../../shared/model/migration';
import type { HostRating } from '../../../shared/model/precheck';
import { precheckHost } from './prechecks';
import { subjectOf } from './precheck-subject';
import { memoView, type EngineView, type Inbound } from './view';
import { compareNames } from '../../../shared/model/names';

interface ClusterLoad {
  cpu: number;
  memory: number;
}

const memoryUse = (h: Host): number => (h.memoryBytes > 0 ? h.memoryUsedBytes / h.memoryBytes : 1);
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Hosts already running a VM that shares one of these tags. */
function hostsWithTag(view: EngineView, tags: readonly string[], exclude: string): Set<string> {
  const hosts = new Set<string>();
  if (tags.length === 0) return hosts;
  for (const vm of view.allVms()) if (vm.id !== exclude && vm.tags.some((t) => tags.includes(t))) hosts.add(vm.hostId);
  return hosts;
}

/**
 * Ranks every host as a destination for `vm`: 0 when a precheck blocks it (with the first reason
 * found), otherwise 1 to 5 from headroom after placement, cluster balance, affinity and
 * anti-affinity tags, and link speed.
 */
export function rankHosts(
  inventory: EngineView,
  vm: Vm,
  type: MigrationType,
  inbound: ReadonlyMap<string, Inbound>,
  vmAlreadyMigrating = false,
  destDatastoreFor?: (host: Host) => string | null,
): HostRating[] {
  const view = memoView(inventory);
  const hosts = view.allHosts();
  const source = view.host(vm.hostId);
  const clusterLoads = new Map<string, ClusterLoad & { n: number }>();
  for (const h of hosts) {
    const load = clusterLoads.get(h.clusterId) ?? { cpu: 0, memory: 0, n: 0 };
    load.cpu += h.cpuUsage;
    load.memory += memoryUse(h);
    load.n += 1;
    clusterLoads.set(h.clusterId, load);
  }
  const affinity = hostsWithTag(
    view,
    vm.tags.filter((t) => t.startsWith('affinity:')),
    vm.id,
  );
  const antiAffinity = hostsWithTag(
    view,
    vm.tags.filter((t) => t.startsWith('anti-affinity:')),
    vm.id,
  );
  const fastestLink = hosts.reduce((max, h) => Math.max(max, h.migrationBandwidthBps), 1);
  const subject = subjectOf(view, vm, type, null, vmAlreadyMigrating);

  const ratings = hosts.map((host): HostRating => {
    const checks = precheckHost(
      view,
      destDatastoreFor ? { ...subject, destDatastoreId: destDatastoreFor(host) } : subject,
      host,
      inbound.get(host.id),
      true,
    );
    if (checks.some((c) => c.severity === 'error'))
      return {
        hostId: host.id,
        hostName: host.name,
        rating: 0,
        score: -1,
        reasons: checks.filter((c) => c.severity === 'error').map((c) => c.message),
        checks,
      };
    const reasons: string[] = [];
    const moving = type === 'storage' || host.id === vm.hostId ? 0 : vm.memoryBytes + (inbound.get(host.id)?.memoryBytes ?? 0);
    const memoryAfter = host.memoryBytes > 0 ? (host.memoryUsedBytes + moving) / host.memoryBytes : 1;
    const cpuAfter = Math.min(1, host.cpuUsage + (type === 'storage' ? 0 : (vm.cpuUsage * vm.vcpus) / host.cpu.cores));
    const headroom = 1 - Math.max(memoryAfter, cpuAfter);
    reasons.push(`${pct(1 - memoryAfter)} memory and ${pct(1 - cpuAfter)} CPU free after placement`);
    const cluster = clusterLoads.get(host.clusterId);
    const average = cluster ? (cluster.cpu + cluster.memory) / (2 * cluster.n) : 0;
    const balance = Math.max(-1, Math.min(1, (average - (memoryAfter + cpuAfter) / 2) * 4));
    if (balance > 0.1) reasons.push(`less loaded than its cluster average (${pct(average)})`);
    else if (balance < -0.1) reasons.push(`more loaded than its cluster average (${pct(average)})`);
    let score = 0.55 * headroom + (0.2 * (balance + 1)) / 2 + 0.1 * (host.migrationBandwidthBps / fastestLink);
    if (source && host.clusterId === source.clusterId) {
      score += 0.1;
      reasons.push(`same cluster (${view.cluster(host.clusterId)?.name ?? host.clusterId})`);
    }
    if (affinity.has(host.id)) {
      score += 0.15;
      reasons.push('runs VMs this VM has affinity with');
    }
    if (antiAffinity.has(host.id)) {
      score -= 0.35;
      reasons.push('runs a VM with the same anti-affinity tag');
    }
    const warnings = checks.filter((c) => c.severity === 'warning');
    score -= 0.15 * warnings.length;
    for (const w of warnings) reasons.push(`warning: ${w.message}`);
    const rating = Math.max(1, Math.min(5, 1 + Math.round(score * 5)));
    return { hostId: host.id, hostName: host.name, rating, score, reasons, checks };
  });
  // Blocked hosts keep the inventory's order after the ranked ones: sorting thousands of ties costs more than it tells.
  const ranked = ratings.filter((r) => r.rating > 0).sort((a, b) => b.score - a.score || compareNames(a.hostName, b.hostName));
  return [...ranked, ...ratings.filter((r) => r.rating === 0)];
}
