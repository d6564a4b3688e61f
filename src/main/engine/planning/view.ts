import type { Cluster, Datastore, Host, Vm } from '../../../shared/model/inventory';
import type { Task } from '../../../shared/model/migration';
import type { HypervisorDriver } from '../../drivers/driver';
import type { InventoryService } from '../fleet/inventory-service';
import type { Fleet } from '../fleet/fleet';

/** What the engine reads about the world: the inventory, the drivers and the tasks under way. */
export interface EngineView {
  host(id: string): Host | undefined;
  allHosts(): Host[];
  vm(id: string): Vm | undefined;
  allVms(): Vm[];
  cluster(id: string): Cluster | undefined;
  datastore(id: string): Datastore | undefined;
  driver(id: string): HypervisorDriver | undefined;
}

/** The engine's view over Ferry's inventory and the fleet of backends. */
export function inventoryView(inventory: InventoryService, fleet: Fleet): EngineView {
  return {
    host: (id) => inventory.host(id),
    allHosts: () => inventory.allHosts(),
    vm: (id) => inventory.vm(id),
    allVms: () => inventory.allVms(),
    cluster: (id) => inventory.cluster(id),
    datastore: (id) => inventory.datastore(id),
    driver: (id) => fleet.driver(id),
  };
}

/** Memory and vCPUs already on their way to each host, from migrations queued or running. */
export interface Inbound {
  memoryBytes: number;
  vcpus: number;
  diskBytesByDatastore: Map<string, number>;
}

/** What of a task the load on its destination depends on. */
export type InboundMove = Pick<Task, 'vmId' | 'destHostId' | 'type' | 'state' | 'phase' | 'destDatastoreId'>;

export function inboundByHost(tasks: readonly InboundMove[], view: EngineView): Map<string, Inbound> {
  const inbound = new Map<string, Inbound>();
  for (const task of tasks) {
    if (task.state !== 'queued' && task.state !== 'running') continue;
    if (task.phase === 'commit' || task.phase === 'done') continue;
    const vm = view.vm(task.vmId);
    if (!vm) continue;
    const entry = inbound.get(task.destHostId) ?? { memoryBytes: 0, vcpus: 0, diskBytesByDatastore: new Map() };
    // Once switched over, the guest's memory counts on the destination already.
    if (task.type !== 'storage' && vm.hostId !== task.destHostId) {
      entry.memoryBytes += vm.memoryBytes;
      entry.vcpus += vm.vcpus;
    }
    if (task.destDatastoreId && task.type !== 'compute') {
      const bytes = vm.disks.reduce((s, d) => s + d.allocatedBytes, 0);
      entry.diskBytesByDatastore.set(task.destDatastoreId, (entry.diskBytesByDatastore.get(task.destDatastoreId) ?? 0) + bytes);
    }
    inbound.set(task.destHostId, entry);
  }
  return inbound;
}

/**
 * The same view, each lookup made once: a plan asks for the same hosts and clusters thousands of
 * times, and the inventory copies each answer. Only for the length of one synchronous plan (the
 * inventory cannot change meanwhile).
 */
export function memoView(view: EngineView): EngineView {
  const memo = <T>(lookup: (id: string) => T): ((id: string) => T) => {
    const seen = new Map<string, T>();
    return (id) => {
      if (seen.has(id)) return seen.get(id) as T;
      const found = lookup(id);
      seen.set(id, found);
      return found;
    };
  };
  return {
    host: memo((id) => view.host(id)),
    // Asked once a plan: passed through, as fresh copies.
    allHosts: () => view.allHosts(),
    vm: memo((id) => view.vm(id)),
    allVms: () => view.allVms(),
    cluster: memo((id) => view.cluster(id)),
    datastore: memo((id) => view.datastore(id)),
    driver: memo((id) => view.driver(id)),
  };
}
