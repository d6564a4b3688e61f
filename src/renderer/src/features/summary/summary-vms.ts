import type { Network, Vm } from '../../../../shared/model/inventory';
import { compareNames } from '../../../../shared/model/names';

/** In name order (VM2 before VM10), not in the order the inventory keeps them (by host, which read interleaved). */
const byName = (vms: Vm[]): Vm[] => vms.sort((a, b) => compareNames(a.name, b.name));

/** The VMs on a datastore (one of their disks is on it), in name order. */
export function vmsOnDatastore(vms: ReadonlyMap<string, Vm>, datastoreId: string): Vm[] {
  return byName([...vms.values()].filter((v) => v.disks.some((d) => d.datastoreId === datastoreId)));
}

/** The VMs connected to a port group on the hosts that offer it, in name order. */
export function vmsOnPortGroup(vms: ReadonlyMap<string, Vm>, network: Network): Vm[] {
  const on = new Set(network.hostIds);
  return byName([...vms.values()].filter((v) => on.has(v.hostId) && v.nics.some((n) => n.portGroup === network.name)));
}
