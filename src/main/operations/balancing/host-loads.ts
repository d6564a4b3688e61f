// The load model balancing reasons on: each host's CPU and memory share, rounded so that metric
// noise between two page loads does not change the advice, with moves already queued or running
// counted as done (their guests leave the source and land on the destination).

import type { Host, Vm } from '../../../shared/model/inventory';
import type { Task } from '../../../shared/model/migration';
import type { EngineView } from '../../engine/planning/view';
import { compareNames } from '../../../shared/model/names';

export interface HostLoad {
  host: Host;
  cpu: number;
  memory: number;
}

/** A move Ferry already has in hand. */
export type PendingMove = Pick<Task, 'vmId' | 'sourceHostId' | 'destHostId' | 'type' | 'state' | 'phase' | 'destDatastoreId'>;

/** Loads are compared in whole percents: finer differences are noise, not imbalance. */
const quantum = 0.01;
const quantize = (x: number): number => Math.round(x / quantum) * quantum;

/** A host's load: the busier of its CPU and memory. */
export const loadOf = (l: Pick<HostLoad, 'cpu' | 'memory'>): number => Math.max(l.cpu, l.memory);

export function spread(loads: readonly number[]): number {
  if (loads.length === 0) return 0;
  const mean = loads.reduce((s, l) => s + l, 0) / loads.length;
  return Math.sqrt(loads.reduce((s, l) => s + (l - mean) ** 2, 0) / loads.length);
}

export const shareOn = (vm: Vm, host: Host): { cpu: number; memory: number } => ({
  cpu: (vm.cpuUsage * vm.vcpus) / Math.max(1, host.cpu.cores),
  memory: host.memoryBytes > 0 ? vm.memoryBytes / host.memoryBytes : 1,
});

export const isPending = (t: PendingMove): boolean => (t.state === 'queued' || t.state === 'running') && t.phase !== 'done';

/** The cluster's hosts that can take part (in name order, so ties always break the same way). */
export function clusterLoads(view: EngineView, clusterId: string, pending: readonly PendingMove[]): HostLoad[] {
  const loads = view
    .allHosts()
    .filter((h) => h.clusterId === clusterId && h.maintenance === 'off' && h.health === 'ok' && h.connection === 'connected')
    .sort((a, b) => compareNames(a.name, b.name) || a.id.localeCompare(b.id))
    .map((host) => ({ host, cpu: host.cpuUsage, memory: host.memoryBytes > 0 ? host.memoryUsedBytes / host.memoryBytes : 1 }));
  const byId = new Map(loads.map((l) => [l.host.id, l]));
  for (const move of pending) {
    if (!isPending(move) || move.type === 'storage') continue;
    const vm = view.vm(move.vmId);
    // Switched over already: the metrics count the guest where it now runs.
    if (!vm || vm.hostId !== move.sourceHostId) continue;
    const from = byId.get(move.sourceHostId);
    const to = byId.get(move.destHostId);
    if (from) {
      const share = shareOn(vm, from.host);
      from.cpu -= share.cpu;
      from.memory -= share.memory;
    }
    if (to) {
      const share = shareOn(vm, to.host);
      to.cpu += share.cpu;
      to.memory += share.memory;
    }
  }
  for (const l of loads) {
    l.cpu = quantize(Math.max(0, l.cpu));
    l.memory = quantize(Math.max(0, l.memory));
  }
  return loads;
}

/** Running guests (of these hosts, or all) that may be recommended, per host, in name order; a VM being moved never is. */
export function candidatesByHost(view: EngineView, pending: readonly PendingMove[], hostIds?: ReadonlySet<string>): Map<string, Vm[]> {
  const moving = new Set(pending.filter(isPending).map((t) => t.vmId));
  const byHost = new Map<string, Vm[]>();
  for (const vm of view.allVms()) {
    if ((hostIds && !hostIds.has(vm.hostId)) || vm.power !== 'running' || moving.has(vm.id) || vm.devices.some((d) => !d.migratable))
      continue;
    const list = byHost.get(vm.hostId);
    if (list) list.push(vm);
    else byHost.set(vm.hostId, [vm]);
  }
  for (const vms of byHost.values()) vms.sort((a, b) => compareNames(a.name, b.name) || a.id.localeCompare(b.id));
  return byHost;
}
