// Turns per-host snapshots into the driver's Discovery: hosts, clusters, VMs (one per domain UUID,
// wherever it runs), pools as datastores (shared ones merged across hosts), port groups.

import type { ConnectionState, Datastore, HostHealth, Network, Vm } from '../../../../shared/model/inventory';
import type { Discovery } from '../../driver';
import type { DomainFacts, HostSnapshot, PoolFacts } from '../hosts/host-snapshot';
import { datacenterIdOf, datastoreIdOf, isSharedPool, networkIdOf, portGroupsOfHost, unmanagedDatastoreIdOf } from '../ids';
import type { DomainDisk } from '../xml/domain';

export interface HostReport {
  snapshot: HostSnapshot;
  connection: ConnectionState;
  health: HostHealth;
  healthReason?: string | null;
  cpuUsage: number;
  memoryUsedBytes: number;
  migrationBandwidthBps: number;
  /** configured with the host, or the default (libvirt cannot measure the link). */
  migrationBandwidthSource: 'configured' | 'assumed';
  configuredBridges: readonly string[];
  /** Why other hosts cannot dial this one for a migration; null when they can. */
  incomingMigrationBlocker: string | null;
}

/** A cluster as the reader computed it: libvirt's baseline of its hosts' CPUs and the hosts that limit it. */
export interface ClusterReport {
  id: string;
  name: string;
  cpuBaseline: string[];
  cpuBaselineModel?: string | null;
  cpuBaselineHostIds?: string[];
}

export interface AssembleInput {
  driverId: string;
  datacenterName: string;
  sharedPools: ReadonlySet<string>;
  datastoreThroughputBps: number;
  hosts: readonly HostReport[];
  clusters: readonly ClusterReport[];
  /** 0..1 of the guest's vCPUs, from CPU time deltas; 0 when unknown. */
  vmCpuUsage(uuid: string, domain: DomainFacts): number;
  /** The guest's last measured dirty rate (QEMU page sampling), if any. */
  vmDirtyRate(uuid: string): { bytesPerSecond: number; measuredAt: string } | undefined;
}

const POWER_RANK = { running: 0, paused: 1, off: 2, unknown: 3 } as const;

export function assembleDiscovery(input: AssembleInput): Discovery {
  const datacenterId = datacenterIdOf(input.driverId);
  const datastores = new Map<string, Datastore>();
  const hostStores = new Map<string, Set<string>>();
  const addStore = (hostId: string, store: Omit<Datastore, 'hostIds'>): void => {
    const existing = datastores.get(store.id);
    if (existing) {
      if (!existing.hostIds.includes(hostId)) existing.hostIds.push(hostId);
      existing.freeBytes = Math.min(existing.freeBytes, store.freeBytes);
    } else {
      datastores.set(store.id, { ...store, hostIds: [hostId] });
    }
    hostStores.get(hostId)?.add(store.id);
  };

  for (const { snapshot } of input.hosts) {
    hostStores.set(snapshot.hostId, new Set());
    for (const pool of snapshot.pools.filter((p) => p.active)) {
      addStore(snapshot.hostId, {
        id: datastoreIdOf(pool.def, snapshot.hostId, input.sharedPools),
        name: pool.def.name,
        kind: isSharedPool(pool.def, input.sharedPools) ? 'shared' : 'local',
        capacityBytes: pool.def.capacityBytes,
        freeBytes: pool.def.availableBytes,
        throughputBps: input.datastoreThroughputBps,
      });
    }
  }

  // One VM per UUID: where it runs beats where it is paused (an incoming copy) beats a leftover definition.
  const chosen = new Map<string, { report: HostReport; domain: DomainFacts }>();
  for (const report of input.hosts) {
    for (const domain of report.snapshot.domains) {
      const current = chosen.get(domain.def.uuid);
      const rank = (r: HostReport, d: DomainFacts) => (r.connection === 'connected' ? 0 : 10) + POWER_RANK[d.power];
      if (!current || rank(report, domain) < rank(current.report, current.domain)) chosen.set(domain.def.uuid, { report, domain });
    }
  }

  const vms: Vm[] = [];
  for (const [uuid, { report, domain }] of chosen) {
    const { snapshot } = report;
    const disks = domain.def.disks
      .filter((d) => d.path !== null || d.pool !== null)
      .map((disk) => {
        const located = locateDisk(disk, snapshot.pools);
        const datastoreId = located.pool
          ? datastoreIdOf(located.pool.def, snapshot.hostId, input.sharedPools)
          : unmanagedDatastoreIdOf(snapshot.hostId, directoryOf(disk.path ?? ''));
        if (!located.pool)
          addStore(snapshot.hostId, {
            id: datastoreId,
            name: `${directoryOf(disk.path ?? '')} (not in a pool)`,
            kind: 'local',
            capacityBytes: 0,
            freeBytes: 0,
            throughputBps: input.datastoreThroughputBps,
          });
        return {
          path: disk.path ?? `${disk.pool}/${disk.volume}`,
          datastoreId,
          capacityBytes: located.capacityBytes,
          allocatedBytes: located.allocationBytes,
          writeRateBps: 0,
        };
      });
    // Measured by QEMU (inventory/dirty-rates.ts); until then unknown, reported as 0 and marked unmeasured.
    const dirtyRate = domain.power === 'running' ? input.vmDirtyRate(uuid) : undefined;
    vms.push({
      id: uuid,
      name: domain.def.name,
      hostId: snapshot.hostId,
      power: report.connection === 'connected' ? domain.power : 'unknown',
      memoryBytes: domain.def.memoryBytes,
      vcpus: Math.max(1, domain.def.vcpus),
      cpuModel: domain.cpuModel,
      cpuFeatures: domain.cpuFeatures,
      ...(domain.pendingCpu ? { cpuPending: domain.pendingCpu } : {}),
      dirtyRateBps: dirtyRate?.bytesPerSecond ?? 0,
      dirtyRateMeasuredAt: dirtyRate?.measuredAt ?? null,
      cpuUsage: Math.min(1, Math.max(0, input.vmCpuUsage(uuid, domain))),
      disks,
      nics: domain.def.nics.map((n) => ({ mac: n.mac, portGroup: n.portGroup })),
      devices: domain.def.hostDevices.map((d) => ({ kind: d.kind, name: d.name, migratable: false })),
      tags: [],
      missionCritical: false,
    });
  }

  const networks = new Map<string, Network>();
  const hosts = input.hosts.map((report) => {
    const { snapshot } = report;
    const bridgesInUse = snapshot.domains
      .filter((d) => d.power === 'running')
      .flatMap((d) => d.def.nics.filter((n) => n.type === 'bridge' && n.bridge).map((n) => n.bridge as string));
    const portGroups = portGroupsOfHost({
      networks: snapshot.networks,
      interfaces: snapshot.interfaces,
      configuredBridges: report.configuredBridges,
      bridgesInUse,
    });
    for (const group of portGroups) {
      const network = networks.get(group) ?? { id: networkIdOf(group), name: group, hostIds: [] };
      network.hostIds.push(snapshot.hostId);
      networks.set(group, network);
    }
    return {
      id: snapshot.hostId,
      name: snapshot.name,
      clusterId: snapshot.clusterId,
      cpu: snapshot.cpu,
      memoryBytes: snapshot.memoryBytes,
      cpuUsage: Math.min(1, Math.max(0, report.cpuUsage)),
      memoryUsedBytes: Math.min(snapshot.memoryBytes, Math.max(0, report.memoryUsedBytes)),
      health: report.health,
      healthReason: report.healthReason ?? null,
      connection: report.connection,
      migrationBandwidthBps: report.migrationBandwidthBps,
      migrationBandwidthSource: report.migrationBandwidthSource,
      incomingMigrationBlocker: report.incomingMigrationBlocker,
      datastoreIds: [...(hostStores.get(snapshot.hostId) ?? [])].sort(),
      portGroups,
    };
  });

  return {
    // A driver managing no cluster yet (its first host not added, or every attempt refused) shows nothing.
    datacenters: input.clusters.length > 0 ? [{ id: datacenterId, name: input.datacenterName }] : [],
    clusters: input.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      datacenterId,
      cpuBaseline: c.cpuBaseline,
      ...(c.cpuBaselineModel ? { cpuBaselineModel: c.cpuBaselineModel } : {}),
      ...(c.cpuBaselineHostIds ? { cpuBaselineHostIds: c.cpuBaselineHostIds } : {}),
    })),
    hosts,
    vms,
    datastores: [...datastores.values()],
    networks: [...networks.values()],
  };
}

export interface LocatedDisk {
  pool: PoolFacts | null;
  capacityBytes: number;
  allocationBytes: number;
}

/** The pool holding a disk: by volume path, else by directory (a volume not refreshed yet), else none. */
export function locateDisk(disk: Pick<DomainDisk, 'path' | 'pool' | 'volume'>, pools: readonly PoolFacts[]): LocatedDisk {
  if (disk.pool) {
    const pool = pools.find((p) => p.def.name === disk.pool) ?? null;
    const volume = pool?.volumes.find((v) => v.name === disk.volume);
    return { pool, capacityBytes: volume?.capacityBytes ?? 0, allocationBytes: volume?.allocationBytes ?? 0 };
  }
  for (const pool of pools) {
    const volume = pool.volumes.find((v) => v.path === disk.path);
    if (volume) return { pool, capacityBytes: volume.capacityBytes, allocationBytes: volume.allocationBytes };
  }
  const dir = directoryOf(disk.path ?? '');
  const pool = pools.find((p) => p.def.targetPath !== null && trimSlash(p.def.targetPath) === dir) ?? null;
  return { pool, capacityBytes: 0, allocationBytes: 0 };
}

const directoryOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
};
const trimSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);
