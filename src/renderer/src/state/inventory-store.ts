import { useSyncExternalStore } from 'react';
import type {
  Cluster,
  Datacenter,
  Datastore,
  Host,
  HostMetricsUpdate,
  InventoryDelta,
  InventorySnapshot,
  Network,
  Vm,
} from '../../../shared/model/inventory';
import { snapshotVms } from '../../../shared/model/snapshot-vms';
import { api, onReconnect } from '../api/client';
import { usageWithout, withMetrics, type HostUsage } from './host-usage';
import { countTags, tagsAfter, type TagCounts } from './tag-counts';
import { VmTable } from './vm-table';

export interface InventoryState {
  status: 'loading' | 'ready' | 'error';
  error: Error | null;
  datacenters: Datacenter[];
  clusters: Cluster[];
  /** Renewed when a host changes, not by its metrics: those are in `usage`. */
  hosts: Map<string, Host>;
  /** The latest CPU and memory use of hosts, when newer than the hosts themselves (read with cpuUsageOf, memoryUsedOf). */
  usage: HostUsage;
  vms: VmTable;
  datastores: Datastore[];
  networks: Network[];
  /** Bumped when hosts or VMs are added, removed or moved: what the tree's shape depends on. */
  structureVersion: number;
  /** Host names by id: kept (same Map) across metrics updates, so lists that only name hosts need not follow them. */
  hostNames: ReadonlyMap<string, string>;
  /** VMs per tag: kept (same Map) while no VM's tags change, so the search indexes tags once. */
  tags: TagCounts;
}

let state: InventoryState = {
  status: 'loading',
  error: null,
  datacenters: [],
  clusters: [],
  hosts: new Map(),
  usage: new Map(),
  vms: VmTable.empty,
  datastores: [],
  networks: [],
  structureVersion: 0,
  hostNames: new Map(),
  tags: new Map(),
};
const listeners = new Set<() => void>();
const set = (next: InventoryState): void => {
  state = next;
  for (const listener of listeners) listener();
};

const namesOf = (hosts: ReadonlyMap<string, Host>): Map<string, string> => new Map([...hosts.values()].map((h) => [h.id, h.name]));

/** The same Map while no host was added, removed or renamed. */
function hostNamesAfter(hosts: ReadonlyMap<string, Host>): ReadonlyMap<string, string> {
  const before = state.hostNames;
  if (hosts.size === before.size && [...hosts.values()].every((h) => before.get(h.id) === h.name)) return before;
  return namesOf(hosts);
}

/** Without a pair per host to build the Map from: garbage the first full collection compacts. */
function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (let i = 0; i < items.length; i++) map.set((items[i] as T).id, items[i] as T);
  return map;
}

function applySnapshot(snapshot: InventorySnapshot): void {
  const hosts = byId(snapshot.hosts);
  const vms = snapshotVms(snapshot);
  set({
    status: 'ready',
    error: null,
    datacenters: snapshot.datacenters,
    clusters: snapshot.clusters,
    hosts,
    usage: new Map(),
    vms: VmTable.of(vms),
    datastores: snapshot.datastores,
    networks: snapshot.networks,
    structureVersion: state.structureVersion + 1,
    hostNames: hostNamesAfter(hosts),
    tags: countTags(vms),
  });
}

function applyMetrics(update: HostMetricsUpdate): void {
  if (state.status !== 'ready') return;
  set({ ...state, ...withMetrics(state.hosts, state.usage, update) });
}

function applyDelta(delta: InventoryDelta): void {
  if (state.status !== 'ready') return;
  const hosts = delta.hosts.length + delta.removedHostIds.length > 0 ? new Map(state.hosts) : state.hosts;
  // Copying 40,000 VMs for a delta without VMs would be most of the cost (with() returns the same table).
  const updated = state.vms.with(delta.vms);
  const vms = updated.with([], delta.removedVmIds);
  let structural = delta.removedHostIds.length + delta.removedVmIds.length > 0;
  const changed: [Vm | undefined, Vm | undefined][] = [];
  for (const h of delta.hosts) {
    if (!hosts.has(h.id)) structural = true;
    hosts.set(h.id, h);
  }
  for (const v of delta.vms) {
    const before = state.vms.get(v.id);
    if (!before || before.hostId !== v.hostId || before.name !== v.name) structural = true;
    changed.push([before, v]);
  }
  for (const id of delta.removedHostIds) hosts.delete(id);
  // A host main sent again carries its use as of now: newer than the metrics kept for it.
  const usage = usageWithout(state.usage, [...delta.hosts.map((h) => h.id), ...delta.removedHostIds]);
  for (const id of delta.removedVmIds) changed.push([updated.get(id), undefined]);
  set({
    ...state,
    hosts,
    usage,
    vms,
    structureVersion: state.structureVersion + (structural ? 1 : 0),
    hostNames: hosts === state.hosts ? state.hostNames : hostNamesAfter(hosts),
    tags: tagsAfter(state.tags, changed),
  });
}

/** A cluster a command changed (its policy, its CPU baseline): main sends no delta for clusters. */
export function applyCluster(cluster: Cluster): void {
  if (state.status !== 'ready') return;
  set({ ...state, clusters: state.clusters.map((c) => (c.id === cluster.id ? cluster : c)) });
}

let started = false;
/** Loads the inventory once and keeps it current from main's deltas. */
export function startInventory(): void {
  if (started) return;
  started = true;
  api.on('inventory.delta', applyDelta);
  api.on('inventory.metrics', applyMetrics);
  // Deltas sent while the socket was down (a frozen tab is dropped) are lost: start again from a snapshot.
  onReconnect(reloadInventory);
  reloadInventory();
}

function reloadInventory(): void {
  api.invoke('inventory.snapshot', {}).then(applySnapshot, (error: Error) => set({ ...state, status: 'error', error }));
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** The whole inventory: the caller re-renders on every change, host metrics (every 2 s) included. */
export function useInventory(): InventoryState {
  return useSyncExternalStore(subscribe, () => state);
}

/**
 * One part of the inventory: the caller re-renders only when that part changes (compared with
 * Object.is), e.g. `(s) => s.vms` is not renewed by host metrics. The selector must return a part
 * of the state or a primitive, never a new object per call.
 */
export function useInventorySelector<T>(select: (s: InventoryState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}

/** The inventory as it is now, for event handlers and memoised computations that must not subscribe. */
export function currentInventory(): InventoryState {
  return state;
}
