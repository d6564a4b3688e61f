import type { Discovery, DiscoveryScope, HostMetrics } from '../driver';
import { vmCpuUsage, worldMetrics } from './metrics';
import type { SimWorld } from './sim-world';

/**
 * What the simulated datacenter reports: its state without the model's hidden fields, with live usage.
 * A scope limits the VMs (hosts, datastores and networks are few, and a VM's move changes theirs).
 */
export function discoveryOf(world: SimWorld, metrics: readonly HostMetrics[], now: number, scope?: DiscoveryScope): Discovery {
  const { state } = world;
  const vms = scope ? scope.vmIds.flatMap((id) => world.vms.get(id) ?? []) : state.vms;
  const used = new Map<string, number>();
  for (const vm of state.vms) for (const d of vm.disks) used.set(d.datastoreId, (used.get(d.datastoreId) ?? 0) + d.allocatedBytes);
  for (const r of state.reservations) if (r.datastoreId) used.set(r.datastoreId, (used.get(r.datastoreId) ?? 0) + r.diskBytes);
  return {
    datacenters: state.datacenters.map((d) => ({ ...d })),
    clusters: state.clusters.map((c) => ({ ...c })),
    hosts: state.hosts.map(({ overheadLoad: _load, migrationOverheads: _overheads, ...host }, i) => ({
      ...host,
      cpuUsage: metrics[i]?.cpuUsage ?? 0,
      memoryUsedBytes: metrics[i]?.memoryUsedBytes ?? 0,
    })),
    vms: vms.map(
      ({ nonZeroFraction: _n, load: _l, bootId: _b, bootedAtMs: _t, pausedOn: _p, copy: _k, crashed: _c, cpuChanged: _x, ...vm }) => ({
        ...vm,
        cpuUsage: vmCpuUsage(world.vms.get(vm.id)!, now),
      }),
    ),
    datastores: state.datastores.map((d) => ({ ...d, freeBytes: Math.max(0, d.capacityBytes - (used.get(d.id) ?? 0)) })),
    networks: state.networks.map((n) => ({ ...n })),
    ...(scope ? { vmScope: [...scope.vmIds] } : {}),
  };
}

/** What Ferry reads of the simulated datacenter: its inventory and its hosts' metrics. */
export class SimReadings {
  private lastMetrics: HostMetrics[] | null = null;

  constructor(private readonly world: SimWorld) {}

  metrics(now: number): HostMetrics[] {
    this.lastMetrics = worldMetrics(this.world, now);
    return this.lastMetrics;
  }

  /**
   * A scoped read measures only the hosts its guests touch (where they run or ran, paused copies,
   * their moves' ends) and reports the others as last read: summing 40,000 guests is the metrics read's job.
   */
  discovery(now: number, scope?: DiscoveryScope): Discovery {
    if (!scope || !this.lastMetrics) return discoveryOf(this.world, this.metrics(now), now, scope);
    const fresh = new Map(worldMetrics(this.world, now, this.hostsTouchedBy(scope.vmIds)).map((m) => [m.hostId, m]));
    this.lastMetrics = this.lastMetrics.map((m) => fresh.get(m.hostId) ?? m);
    return discoveryOf(this.world, this.lastMetrics, now, scope);
  }

  private hostsTouchedBy(vmIds: readonly string[]): Set<string> {
    const ids = new Set(vmIds);
    const hosts = new Set<string>();
    for (const id of ids) {
      const vm = this.world.vms.get(id);
      if (vm) for (const hostId of [vm.hostId, ...vm.pausedOn.map((p) => p.hostId)]) hosts.add(hostId);
    }
    for (const { spec } of this.world.state.jobs) if (ids.has(spec.vmId)) hosts.add(spec.sourceHostId).add(spec.destHostId);
    return hosts;
  }
}
