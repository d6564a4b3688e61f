import type { Discovery, HostMetrics } from '../driver';
import { vmCpuUsage } from './metrics';
import type { SimWorld } from './sim-world';

/** What the simulated datacenter reports: its state without the model's hidden fields, with live usage. */
export function discoveryOf(world: SimWorld, metrics: readonly HostMetrics[], now: number): Discovery {
  const { state } = world;
  const used = new Map<string, number>();
  for (const vm of state.vms) for (const d of vm.disks) used.set(d.datastoreId, (used.get(d.datastoreId) ?? 0) + d.allocatedBytes);
  for (const r of state.reservations) if (r.datastoreId) used.set(r.datastoreId, (used.get(r.datastoreId) ?? 0) + r.diskBytes);
  return {
    datacenters: state.datacenters.map((d) => ({ ...d })),
    clusters: state.clusters.map((c) => ({ ...c })),
    hosts: state.hosts.map(({ overheadLoad: _load, ...host }, i) => ({
      ...host,
      cpuUsage: metrics[i]?.cpuUsage ?? 0,
      memoryUsedBytes: metrics[i]?.memoryUsedBytes ?? 0,
    })),
    vms: state.vms.map(
      ({ workingSetBytes: _w, nonZeroFraction: _n, load: _l, bootId: _b, bootedAtMs: _t, pausedOn: _p, copy: _k, crashed: _c, ...vm }) => ({
        ...vm,
        cpuUsage: vmCpuUsage(world.vms.get(vm.id)!, now),
      }),
    ),
    datastores: state.datastores.map((d) => ({ ...d, freeBytes: Math.max(0, d.capacityBytes - (used.get(d.id) ?? 0)) })),
    networks: state.networks.map((n) => ({ ...n })),
  };
}
