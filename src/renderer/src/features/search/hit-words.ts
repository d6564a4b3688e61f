import type { SearchHit, SearchKind } from '../../state/search-index';
import type { InventoryState } from '../../state/inventory-store';
import type { Task } from '../../../../shared/model/migration';
import { formatBytes, formatClock } from '../../components/format';
import { counted } from '../../components/plural';
import { stateLabel } from '../../components/task-labels';

export const kindLabels: Record<SearchKind, string> = {
  vm: 'VM',
  host: 'Host',
  datacenter: 'Datacenter',
  cluster: 'Cluster',
  datastore: 'Datastore',
  network: 'Port group',
  tag: 'Tag',
  task: 'Task',
};

/** The line under a result's name: where it is and its state, so two similar names tell apart. */
export function hitDetail(hit: SearchHit, inv: InventoryState, tasks: ReadonlyMap<string, Task>): string {
  const { kind, id } = hit.entry;
  const hostName = (hostId: string) => inv.hosts.get(hostId)?.name ?? hostId;
  const viaId = hit.on === 'id' ? ` · id ${id}` : '';
  switch (kind) {
    case 'vm': {
      const vm = inv.vms.get(id);
      return vm ? `on ${hostName(vm.hostId)} · ${vm.power} · ${formatBytes(vm.memoryBytes, 0)}${viaId}` : viaId;
    }
    case 'host': {
      const host = inv.hosts.get(id);
      const cluster = host ? inv.clusters.find((c) => c.id === host.clusterId)?.name : undefined;
      return host ? `${cluster ?? host.clusterId} · ${host.health}${host.maintenance === 'off' ? '' : ' · maintenance'}${viaId}` : viaId;
    }
    case 'datacenter': {
      const clusters = inv.clusters.filter((c) => c.datacenterId === id).length;
      return `${counted(clusters, 'cluster')}${viaId}`;
    }
    case 'cluster': {
      const cluster = inv.clusters.find((c) => c.id === id);
      const datacenter = cluster ? inv.datacenters.find((d) => d.id === cluster.datacenterId)?.name : undefined;
      return cluster ? `in ${datacenter ?? cluster.datacenterId}${viaId}` : viaId;
    }
    case 'tag': {
      const count = inv.tags.get(id) ?? 0;
      return `on ${counted(count, 'VM')} · opens the VM list filtered by it`;
    }
    case 'datastore': {
      const ds = inv.datastores.find((d) => d.id === id);
      return ds ? `${ds.kind} · ${formatBytes(ds.freeBytes)} free of ${formatBytes(ds.capacityBytes)}${viaId}` : viaId;
    }
    case 'network': {
      const network = inv.networks.find((n) => n.id === id);
      return network ? `on ${counted(network.hostIds.length, 'host')}${viaId}` : viaId;
    }
    case 'task': {
      const task = tasks.get(id);
      if (!task) return viaId;
      const route =
        task.type === 'storage'
          ? `${hostName(task.sourceHostId)} (storage)`
          : `${hostName(task.sourceHostId)} → ${hostName(task.destHostId)}`;
      return `${stateLabel(task)} · ${route} · ${formatClock(task.createdAt)}${viaId}`;
    }
  }
}
