// Ids the libvirt driver gives inventory objects. They must survive reconnects and migrations:
// hosts by the UUID libvirt reports for them, VMs by domain UUID, pools by name (shared) or by
// host and name (local), port groups by the name guests' NICs use.

import { USER_PORT_GROUP } from './xml/domain';
import { NETWORK_POOL_TYPES } from './xml/pool';

export const hostIdOf = (hostUuid: string): string => `libvirt:${hostUuid.toLowerCase()}`;

/** A pool is shared when configured so, or when its type is network storage libvirt itself knows is shared. */
export function isSharedPool(pool: { name: string; type: string }, sharedPools: ReadonlySet<string>): boolean {
  return sharedPools.has(pool.name) || NETWORK_POOL_TYPES.has(pool.type);
}

export function datastoreIdOf(pool: { name: string; type: string }, hostId: string, sharedPools: ReadonlySet<string>): string {
  return isSharedPool(pool, sharedPools) ? `libvirt-pool:${pool.name}` : `libvirt-pool:${hostId}/${pool.name}`;
}

/** Disks outside every pool still need a datastore: one per host and directory, local by nature. */
export const unmanagedDatastoreIdOf = (hostId: string, directory: string): string => `libvirt-dir:${hostId}:${directory}`;

/** The pool name a datastore id names, for either form. */
export function poolNameOf(datastoreId: string): string | null {
  if (!datastoreId.startsWith('libvirt-pool:')) return null;
  const rest = datastoreId.slice('libvirt-pool:'.length);
  const slash = rest.lastIndexOf('/');
  return slash === -1 ? rest : rest.slice(slash + 1);
}

export const datacenterIdOf = (driverId: string): string => `${driverId}:datacenter`;
export const networkIdOf = (portGroup: string): string => `libvirt-portgroup:${portGroup}`;

export interface HostNetworkFacts {
  /** Active libvirt networks. */
  networks: readonly string[];
  /** Host interfaces libvirt lists, with their type (bridge, ethernet, bond, vlan). */
  interfaces: readonly { name: string; type: string }[];
  /** Bridges declared in the host's config. */
  configuredBridges: readonly string[];
  /** Bridges the host's running guests are plugged into (they exist, or the guests would not run). */
  bridgesInUse: readonly string[];
}

/** The port groups a host offers: its networks, its bridges, macvtap on its other NICs, and user-mode. */
export function portGroupsOfHost(facts: HostNetworkFacts): string[] {
  const groups = new Set<string>([...facts.networks, ...facts.configuredBridges, ...facts.bridgesInUse, USER_PORT_GROUP]);
  for (const iface of facts.interfaces) if (iface.name !== 'lo') groups.add(iface.type === 'bridge' ? iface.name : `macvtap:${iface.name}`);
  return [...groups].sort();
}
