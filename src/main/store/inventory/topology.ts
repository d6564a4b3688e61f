import type { ClusterPolicy, Datacenter, Datastore, Network, ReportedCluster, ReportedHost, Vm } from '../../../shared/model/inventory';
import type { WritableDb } from '../database';
import { CpuBaselineRepository } from './cpu-baselines';
import { InventoryTable } from './inventory-table';

export class TopologyRepository {
  readonly datacenters: InventoryTable<Datacenter>;
  readonly clusters: InventoryTable<ReportedCluster>;
  readonly hosts: InventoryTable<ReportedHost>;
  readonly datastores: InventoryTable<Datastore>;
  readonly networks: InventoryTable<Network>;
  readonly vms: InventoryTable<Vm>;
  /** Ferry's own per cluster, like the policy: the CPU baseline an admin set. */
  readonly cpuBaselines: CpuBaselineRepository;

  constructor(private readonly db: WritableDb) {
    this.datacenters = new InventoryTable(db, 'datacenters');
    this.clusters = new InventoryTable(db, 'clusters', { datacenter_id: (c) => c.datacenterId });
    this.hosts = new InventoryTable(db, 'hosts', { cluster_id: (h) => h.clusterId });
    this.datastores = new InventoryTable(db, 'datastores');
    this.networks = new InventoryTable(db, 'networks');
    this.vms = new InventoryTable(db, 'vms', { host_id: (v) => v.hostId });
    this.cpuBaselines = new CpuBaselineRepository(db);
  }

  clusterPolicies(): Map<string, ClusterPolicy> {
    const rows = this.db.prepare('SELECT id, policy FROM clusters WHERE policy IS NOT NULL').all() as { id: string; policy: string }[];
    return new Map(rows.map((r) => [r.id, JSON.parse(r.policy) as ClusterPolicy]));
  }

  setClusterPolicy(clusterId: string, policy: ClusterPolicy): void {
    this.db.prepare('UPDATE clusters SET policy = ? WHERE id = ?').run(JSON.stringify(policy), clusterId);
  }
}
