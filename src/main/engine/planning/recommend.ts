import type { Host, Vm } from '../../../shared/model/inventory';
import type { MigrationType } from '../../../shared/model/migration';
import type { HostRating, PrecheckResult } from '../../../shared/model/precheck';
import { precheckHost } from './prechecks';
import { subjectOf } from './precheck-subject';
import { memoView, type EngineView, type Inbound } from './view';
import { compareNames } from '../../../shared/model/names';

/** Sums over a cluster's hosts, and how many there are. */
interface ClusterLoad {
  cpu: number;
  memory: number;
  n: number;
}

const memoryUse = (h: Host): number => (h.memoryBytes > 0 ? h.memoryUsedBytes / h.memoryBytes : 1);
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * Hosts already running another VM with one of `vm`'s affinity tags, and with one of its
 * anti-affinity tags: one pass over the VMs for both (a pass over 800,000 VMs costs more than
 * rating 40,000 hosts).
 */
function hostsSharingTags(view: EngineView, vm: Vm): { affinity: Set<string>; antiAffinity: Set<string> } {
  const affinity = new Set<string>();
  const antiAffinity = new Set<string>();
  const affine = new Set(vm.tags.filter((t) => t.startsWith('affinity:')));
  const antiAffine = new Set(vm.tags.filter((t) => t.startsWith('anti-affinity:')));
  if (affine.size === 0 && antiAffine.size === 0) return { affinity, antiAffinity };
  for (const other of view.allVms()) {
    if (other.id === vm.id) continue;
    for (const tag of other.tags) {
      if (affine.has(tag)) affinity.add(other.hostId);
      if (antiAffine.has(tag)) antiAffinity.add(other.hostId);
    }
  }
  return { affinity, antiAffinity };
}

/** What each host's rating is measured against, worked out once a ranking. */
interface Ranking {
  view: EngineView;
  vm: Vm;
  type: MigrationType;
  inbound: ReadonlyMap<string, Inbound>;
  source: Host | undefined;
  clusterLoads: Map<string, ClusterLoad>;
  affinity: Set<string>;
  antiAffinity: Set<string>;
  fastestLink: number;
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
  const ranking: Ranking = {
    view,
    vm,
    type,
    inbound,
    source: view.host(vm.hostId),
    ...loadsOf(hosts),
    ...hostsSharingTags(view, vm),
  };
  const subject = subjectOf(view, vm, type, null, vmAlreadyMigrating);
  // Each host is rated by a function of its own, which the JIT keeps optimised across rankings: as
  // one loop body, this function was optimised mid-loop and thrown away again on every call.
  const ranked: HostRating[] = [];
  const blocked: HostRating[] = [];
  for (const host of hosts) {
    const checks = precheckHost(view, subject, host, inbound.get(host.id), true, destDatastoreFor ? destDatastoreFor(host) : null);
    const errors = messagesOf(checks, 'error');
    if (errors) blocked.push({ hostId: host.id, hostName: host.name, rating: 0, score: -1, reasons: errors, checks });
    else ranked.push(rate(ranking, host, checks));
  }
  // Blocked hosts keep the inventory's order after the ranked ones: sorting thousands of ties costs more than it tells.
  ranked.sort((a, b) => b.score - a.score || compareNames(a.hostName, b.hostName));
  return ranked.concat(blocked);
}

/** Each cluster's load summed over its hosts, and the fastest migration link of any host. */
function loadsOf(hosts: readonly Host[]): { clusterLoads: Map<string, ClusterLoad>; fastestLink: number } {
  const clusterLoads = new Map<string, ClusterLoad>();
  let fastestLink = 1;
  for (const h of hosts) {
    const load = clusterLoads.get(h.clusterId) ?? { cpu: 0, memory: 0, n: 0 };
    load.cpu += h.cpuUsage;
    load.memory += memoryUse(h);
    load.n += 1;
    clusterLoads.set(h.clusterId, load);
    fastestLink = Math.max(fastestLink, h.migrationBandwidthBps);
  }
  return { clusterLoads, fastestLink };
}

/** A host no precheck blocks, rated 1 to 5; `checks` are its warnings. */
function rate(ranking: Ranking, host: Host, checks: PrecheckResult[]): HostRating {
  const { view, vm, type, inbound, source } = ranking;
  const reasons: string[] = [];
  const moving = type === 'storage' || host.id === vm.hostId ? 0 : vm.memoryBytes + (inbound.get(host.id)?.memoryBytes ?? 0);
  const memoryAfter = host.memoryBytes > 0 ? (host.memoryUsedBytes + moving) / host.memoryBytes : 1;
  const cpuAfter = Math.min(1, host.cpuUsage + (type === 'storage' ? 0 : (vm.cpuUsage * vm.vcpus) / host.cpu.cores));
  const headroom = 1 - Math.max(memoryAfter, cpuAfter);
  reasons.push(`${pct(1 - memoryAfter)} memory and ${pct(1 - cpuAfter)} CPU free after placement`);
  const cluster = ranking.clusterLoads.get(host.clusterId);
  const average = cluster ? (cluster.cpu + cluster.memory) / (2 * cluster.n) : 0;
  const balance = Math.max(-1, Math.min(1, (average - (memoryAfter + cpuAfter) / 2) * 4));
  if (balance > 0.1) reasons.push(`less loaded than its cluster average (${pct(average)})`);
  else if (balance < -0.1) reasons.push(`more loaded than its cluster average (${pct(average)})`);
  let score = 0.55 * headroom + (0.2 * (balance + 1)) / 2 + 0.1 * (host.migrationBandwidthBps / ranking.fastestLink);
  if (source && host.clusterId === source.clusterId) {
    score += 0.1;
    reasons.push(`same cluster (${view.cluster(host.clusterId)?.name ?? host.clusterId})`);
  }
  if (ranking.affinity.has(host.id)) {
    score += 0.15;
    reasons.push('runs VMs this VM has affinity with');
  }
  if (ranking.antiAffinity.has(host.id)) {
    score -= 0.35;
    reasons.push('runs a VM with the same anti-affinity tag');
  }
  score -= 0.15 * checks.length;
  for (const w of checks) reasons.push(`warning: ${w.message}`);
  const rating = Math.max(1, Math.min(5, 1 + Math.round(score * 5)));
  return { hostId: host.id, hostName: host.name, rating, score, reasons, checks };
}

/** The messages of the checks of one severity, or null when there are none (most hosts have one check or none). */
function messagesOf(checks: readonly PrecheckResult[], severity: PrecheckResult['severity']): string[] | null {
  let messages: string[] | null = null;
  // A literal of one is sized to fit; an empty array grows room for 16 on its first push.
  for (const c of checks) if (c.severity === severity) messages = messages ? [...messages, c.message] : [c.message];
  return messages;
}
