import type {
  Cluster,
  Discovery,
  HostMetrics,
  ClusterPolicy,
  Datacenter,
  Datastore,
  Host,
  HostMetricsUpdate,
  InventoryDelta,
  InventorySnapshot,
  MaintenanceState,
  Network,
  ReportedCluster,
  ReportedHost,
  Vm,
} from '../../../shared/model/inventory';
import { FerryError } from '../../../shared/api/errors';
import { packVms } from '../../../shared/model/snapshot-vms';
import type { VmAttributes } from '../../../shared/model/vm-attributes';
import type { ClusterCpuBaseline } from '../../../shared/model/cpu-baseline';
import { Emitter } from '../../base/emitter';
import { sameData } from '../../base/same-data';
import type { MaintenanceRepository } from '../../store/maintenance';
import type { InventoryTable } from '../../store/inventory/inventory-table';
import type { TopologyRepository } from '../../store/inventory/topology';
import type { VmAttributeRepository } from '../../store/vm-attributes';

export const defaultClusterPolicy: ClusterPolicy = { balancing: 'manual', threshold: 3, degradedHost: 'recommend' };

/** Live metrics move all the time; a change of them alone is not an inventory change worth pushing. */
const liveMetrics: ReadonlySet<string> = new Set(['cpuUsage', 'memoryUsedBytes']);
const sameBesidesMetrics = (known: unknown, reported: unknown): boolean => sameData(known, reported, liveMetrics);

/**
 * The inventory as Ferry knows it: what drivers reported last, plus Ferry's own state (maintenance,
 * cluster policy, VM attributes). Held in memory for the engine's hot paths, written through to SQLite so a
 * restarted console shows the last known datacenter before any driver answers.
 */
export class InventoryService {
  private datacenters = new Map<string, Datacenter>();
  private clusters = new Map<string, ReportedCluster>();
  private hosts = new Map<string, ReportedHost>();
  private vms = new Map<string, Vm>();
  private datastores = new Map<string, Datastore>();
  private networks = new Map<string, Network>();
  private policies: Map<string, ClusterPolicy>;
  private cpuBaselines: Map<string, ClusterCpuBaseline>;
  private maintenance: Map<string, MaintenanceState>;
  private attributes: Map<string, VmAttributes>;
  /** Ids each driver last reported, per table: what a new report no longer holds is removed. */
  private readonly written = new Map<string, Set<string>>();
  /** Hosts or VMs changed (metrics aside). */
  readonly delta = new Emitter<InventoryDelta>();
  /** Hosts' live metrics moved: compact tuples, often. */
  readonly metrics = new Emitter<HostMetricsUpdate>();

  constructor(
    private readonly repo: TopologyRepository,
    private readonly maintenanceRepo: MaintenanceRepository,
    private readonly attributesRepo: VmAttributeRepository,
  ) {
    const index = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
    this.datacenters = index(repo.datacenters.all());
    this.clusters = index(repo.clusters.all());
    this.hosts = index(repo.hosts.all());
    this.attributes = attributesRepo.all();
    this.vms = index(repo.vms.all().map((v) => this.withAttributes(v)));
    this.datastores = index(repo.datastores.all());
    this.networks = index(repo.networks.all());
    this.policies = repo.clusterPolicies();
    this.cpuBaselines = repo.cpuBaselines.all();
    this.maintenance = maintenanceRepo.states();
  }

  snapshot(): InventorySnapshot {
    return {
      datacenters: [...this.datacenters.values()],
      clusters: [...this.clusters.keys()].map((id) => this.cluster(id) as Cluster),
      hosts: [...this.hosts.keys()].map((id) => this.host(id) as Host),
      ...packVms([...this.vms.values()]),
      datastores: [...this.datastores.values()],
      networks: [...this.networks.values()],
    };
  }

  host(id: string): Host | undefined {
    const host = this.hosts.get(id);
    return host && { ...host, maintenance: this.maintenance.get(id) ?? 'off' };
  }

  allHosts(): Host[] {
    return [...this.hosts.keys()].map((id) => this.host(id) as Host);
  }

  vm(id: string): Vm | undefined {
    return this.vms.get(id);
  }

  allVms(): Vm[] {
    return [...this.vms.values()];
  }

  vmsOnHost(hostId: string): Vm[] {
    return [...this.vms.values()].filter((v) => v.hostId === hostId);
  }

  cluster(id: string): Cluster | undefined {
    const cluster = this.clusters.get(id);
    return cluster && { ...cluster, policy: this.policies.get(id) ?? defaultClusterPolicy, evc: this.cpuBaselines.get(id) ?? null };
  }

  allClusters(): Cluster[] {
    return [...this.clusters.keys()].map((id) => this.cluster(id) as Cluster);
  }

  datastore(id: string): Datastore | undefined {
    return this.datastores.get(id);
  }

  allDatastores(): Datastore[] {
    return [...this.datastores.values()];
  }

  allNetworks(): Network[] {
    return [...this.networks.values()];
  }

  /** Replaces what `driverId` reported before; emits one delta of hosts and VMs that changed. */
  applyDiscovery(driverId: string, report: Discovery): void {
    const found = this.keepingUnreachable(driverId, report);
    const reportedVms = found.vms.map((v) => this.withAttributes(v));
    const owned = <T extends { id: string }>(map: Map<string, T>, owner: (item: T) => string | undefined) =>
      [...map.values()].filter((i) => owner(i) === driverId);
    const hostDriver = (h: ReportedHost): string => h.driverId;
    const hosts: ReportedHost[] = found.hosts.map((h) => ({ ...h, driverId }));
    // Sets, not scans: at 40,000 VMs a scan per VM was 1.6 billion comparisons, the main loop blocked for a minute.
    const reportedHostIds = new Set(hosts.map((h) => h.id));
    const reportedVmIds = new Set(reportedVms.map((v) => v.id));
    const removedHostIds = owned(this.hosts, hostDriver)
      .filter((h) => !reportedHostIds.has(h.id))
      .map((h) => h.id);
    const vmDriver = (v: Vm | undefined): string | undefined => v && this.hosts.get(v.hostId)?.driverId;
    // A scoped report speaks only of its VMs: one of them missing is gone, the others are untouched.
    const removedVmIds = (
      found.vmScope ? found.vmScope.filter((id) => vmDriver(this.vms.get(id)) === driverId) : owned(this.vms, vmDriver).map((v) => v.id)
    ).filter((id) => !reportedVmIds.has(id));
    const changedHosts = hosts.filter((h) => !sameBesidesMetrics(this.hosts.get(h.id), h));
    const changedVms = reportedVms.filter((v) => !sameBesidesMetrics(this.vms.get(v.id), v));

    this.write(this.repo.datacenters, this.datacenters, driverId, found.datacenters);
    this.write(this.repo.clusters, this.clusters, driverId, found.clusters);
    this.write(this.repo.datastores, this.datastores, driverId, found.datastores);
    this.write(this.repo.networks, this.networks, driverId, found.networks);
    this.write(this.repo.hosts, this.hosts, driverId, hosts, sameBesidesMetrics);
    if (changedVms.length > 0) this.repo.vms.put(driverId, changedVms);
    if (removedVmIds.length > 0) this.repo.vms.remove(removedVmIds);

    for (const d of found.datacenters) this.datacenters.set(d.id, d);
    for (const c of found.clusters) this.clusters.set(c.id, c);
    for (const d of found.datastores) this.datastores.set(d.id, d);
    for (const n of found.networks) this.networks.set(n.id, n);
    for (const h of hosts) this.hosts.set(h.id, h);
    for (const v of reportedVms) this.vms.set(v.id, v);
    for (const id of removedHostIds) this.hosts.delete(id);
    for (const id of removedVmIds) this.vms.delete(id);
    this.publish({ hosts: changedHosts.map((h) => this.host(h.id) as Host), vms: changedVms, removedHostIds, removedVmIds });
  }

  /**
   * Writes what changed of one kind of object since this driver's last report (the first since start:
   * since what the database holds), and forgets what it no longer reports: rewriting 2,000 hosts and
   * their datastores on every discovery was most of its cost.
   */
  private write<T extends { id: string; name: string }>(
    table: InventoryTable<T>,
    known: Map<string, T>,
    driverId: string,
    items: readonly T[],
    same: (known: unknown, reported: unknown) => boolean = sameData,
  ): void {
    const key = `${table.table}/${driverId}`;
    const owned = (): Set<string> => new Set([...table.driverIds()].filter(([, owner]) => owner === driverId).map(([id]) => id));
    const before = this.written.get(key) ?? owned();
    const ids = new Set(items.map((i) => i.id));
    this.written.set(key, ids);
    const changed = items.filter((i) => !same(known.get(i.id), i));
    const removed = [...before].filter((id) => !ids.has(id));
    if (changed.length > 0) table.put(driverId, changed);
    if (removed.length > 0) table.remove(removed);
    for (const id of removed) known.delete(id);
  }

  /**
   * A host the driver manages but cannot read now keeps what Ferry knew of it (its VMs, datastores,
   * networks and cluster), shown disconnected: a host that does not answer is not a host removed.
   */
  private keepingUnreachable(driverId: string, found: Discovery): Discovery {
    const reported = new Set(found.hosts.map((h) => h.id));
    const away = (found.unreachableHostIds ?? [])
      .filter((id) => !reported.has(id))
      .map((id) => this.hosts.get(id))
      .filter((h): h is ReportedHost => h?.driverId === driverId);
    if (away.length === 0) return found;
    const awayIds = new Set(away.map((h) => h.id));
    const missing = <T extends { id: string }>(items: readonly T[], known: Map<string, T>, wanted: (item: T) => boolean): T[] => {
      const have = new Set(items.map((i) => i.id));
      return [...known.values()].filter((i) => !have.has(i.id) && wanted(i));
    };
    const stores = new Set(away.flatMap((h) => h.datastoreIds));
    const clusters = new Set(away.map((h) => h.clusterId));
    return {
      ...found,
      hosts: [
        ...found.hosts,
        ...away.map(({ driverId: _d, ...h }) => ({ ...h, connection: 'disconnected' as const, health: 'unknown' as const })),
      ],
      vms: [...found.vms, ...missing(found.vms, this.vms, (v) => awayIds.has(v.hostId)).map((v) => ({ ...v, power: 'unknown' as const }))],
      datastores: [...found.datastores, ...missing(found.datastores, this.datastores, (d) => stores.has(d.id))],
      networks: [...found.networks, ...missing(found.networks, this.networks, (n) => n.hostIds.some((id) => awayIds.has(id)))],
      clusters: [...found.clusters, ...missing(found.clusters, this.clusters, (c) => clusters.has(c.id))],
    };
  }

  /**
   * Live metrics change every few seconds: kept in memory and pushed as compact tuples; only a
   * change of health or connection is written and sent as an inventory change.
   */
  applyMetrics(metrics: readonly HostMetrics[]): void {
    const moved: HostMetricsUpdate['hosts'] = [];
    const stateChanged: Host[] = [];
    for (const m of metrics) {
      const host = this.hosts.get(m.hostId);
      if (!host) continue;
      // The reason goes with the health it explains: a change without one clears the old one.
      const reason =
        m.healthReason !== undefined ? { healthReason: m.healthReason } : m.health !== host.health ? { healthReason: null } : {};
      const next = {
        ...host,
        cpuUsage: m.cpuUsage,
        memoryUsedBytes: m.memoryUsedBytes,
        health: m.health,
        ...reason,
        connection: m.connection,
      };
      if (sameData(host, next)) continue;
      this.hosts.set(host.id, next);
      if (host.health !== next.health || host.connection !== next.connection) {
        this.repo.hosts.put(host.driverId, [next]);
        stateChanged.push(this.host(host.id) as Host);
      } else {
        moved.push([host.id, m.cpuUsage, m.memoryUsedBytes, m.health, m.connection]);
      }
    }
    if (stateChanged.length > 0) this.publish({ hosts: stateChanged, vms: [], removedHostIds: [], removedVmIds: [] });
    if (moved.length > 0) this.metrics.emit({ hosts: moved });
  }

  setMaintenance(hostId: string, state: MaintenanceState): void {
    this.maintenance.set(hostId, state);
    this.maintenanceRepo.setState(hostId, state);
    const host = this.host(hostId);
    if (host) this.publish({ hosts: [host], vms: [], removedHostIds: [], removedVmIds: [] });
  }

  setClusterPolicy(clusterId: string, policy: ClusterPolicy): void {
    this.policies.set(clusterId, policy);
    this.repo.setClusterPolicy(clusterId, policy);
  }

  /** The CPU baseline an admin set on a cluster (null: off); the prechecks read it from the cluster. */
  setClusterCpuBaseline(clusterId: string, baseline: ClusterCpuBaseline | null): void {
    if (baseline) this.cpuBaselines.set(clusterId, baseline);
    else this.cpuBaselines.delete(clusterId);
    this.repo.cpuBaselines.set(clusterId, baseline);
  }

  /**
   * Keeps Ferry's attributes for a VM (by its stable id, so they follow it across hosts and
   * restarts) and shows them at once; they stand until changed, whatever its driver reports.
   */
  setVmAttributes(vmId: string, attributes: VmAttributes): Vm {
    const vm = this.vms.get(vmId);
    if (!vm) throw new FerryError('NOT_FOUND', `no VM ${vmId}`);
    this.attributes.set(vmId, attributes);
    this.attributesRepo.set(vmId, attributes);
    const next = this.withAttributes(vm);
    this.vms.set(vmId, next);
    const driverId = this.hosts.get(vm.hostId)?.driverId;
    if (driverId) this.repo.vms.put(driverId, [next]);
    this.publish({ hosts: [], vms: [next], removedHostIds: [], removedVmIds: [] });
    return next;
  }

  /**
   * Ferry's attributes win over a driver's (the simulator's presets) as a whole: once an admin
   * saved them, they are what evacuation, balancing and ranking read. A VM without any shows its driver's.
   */
  private withAttributes(vm: Vm): Vm {
    const own = this.attributes.get(vm.id);
    return own ? { ...vm, missionCritical: own.missionCritical, tags: [...own.tags] } : vm;
  }

  private publish(delta: InventoryDelta): void {
    if (delta.hosts.length + delta.vms.length + delta.removedHostIds.length + delta.removedVmIds.length === 0) return;
    this.delta.emit(delta);
  }
}
