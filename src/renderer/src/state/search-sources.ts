import type { Task } from '../../../shared/model/migration';
import type { InventoryState } from './inventory-store';
import { SearchIndex, type SearchEntry } from './search-index';

/**
 * The index of the inventory's objects, built when first asked for and kept while names stay the
 * same. A migration moves a VM (a new structure version) without renaming anything: checking the
 * names costs a Map lookup per object, rebuilding the index much more.
 */
let objects: { index: SearchIndex; version: number; inv: InventoryState } | null = null;

/** Datastores and port groups by id, for comparing names with an earlier inventory (a few thousand at most). */
const namesById = (items: readonly { id: string; name: string }[]): Map<string, string> => new Map(items.map((i) => [i.id, i.name]));

/**
 * Compared with the inventory the index was built from, not with a copy of its names: a Map keyed
 * by "kind:id" for 40,000 VMs put 40,000 more strings into V8's string table (Map keys are
 * internalized), a root every full collection walks while the VM list scrolls.
 */
function sameNames(inv: InventoryState, built: InventoryState): boolean {
  if (inv.vms.size !== built.vms.size || inv.hosts.size !== built.hosts.size) return false;
  if (inv.datastores.length !== built.datastores.length || inv.networks.length !== built.networks.length) return false;
  for (const v of inv.vms.values()) if (built.vms.get(v.id)?.name !== v.name) return false;
  for (const h of inv.hosts.values()) if (built.hosts.get(h.id)?.name !== h.name) return false;
  for (const [items, before] of [
    [inv.datastores, built.datastores],
    [inv.networks, built.networks],
  ] as const) {
    const names = namesById(before);
    if (items.some((i) => names.get(i.id) !== i.name)) return false;
  }
  return true;
}

export function objectIndex(inv: InventoryState): SearchIndex {
  if (objects && (objects.inv === inv || objects.version === inv.structureVersion)) return objects.index;
  if (objects && sameNames(inv, objects.inv)) {
    objects = { ...objects, version: inv.structureVersion, inv };
    return objects.index;
  }
  // Made at its size, without iterators: what grew by push was garbage the first full collection compacts.
  const entries = new Array<SearchEntry>(inv.hosts.size + inv.datastores.length + inv.networks.length + inv.vms.size);
  let at = 0;
  inv.hosts.forEach((h) => (entries[at++] = { kind: 'host', id: h.id, name: h.name }));
  inv.datastores.forEach((d) => (entries[at++] = { kind: 'datastore', id: d.id, name: d.name }));
  inv.networks.forEach((n) => (entries[at++] = { kind: 'network', id: n.id, name: n.name }));
  inv.vms.forEach((v) => (entries[at++] = { kind: 'vm', id: v.id, name: v.name }));
  objects = { index: new SearchIndex(entries), version: inv.structureVersion, inv };
  return objects.index;
}

/**
 * The inventory's groupings: datacenters, clusters and the VMs' tags (a tag's id is itself). A few
 * entries, indexed again only when one of them changes (the store keeps the tag counts' Map while
 * no VM's tags change), never per keystroke.
 */
let groups: { index: SearchIndex; from: [InventoryState['datacenters'], InventoryState['clusters'], InventoryState['tags']] } | null = null;
export function groupIndex(inv: InventoryState): SearchIndex {
  const from = [inv.datacenters, inv.clusters, inv.tags] as const;
  if (groups && from.every((part, i) => part === groups?.from[i])) return groups.index;
  const entries: SearchEntry[] = [
    ...inv.datacenters.map((d): SearchEntry => ({ kind: 'datacenter', id: d.id, name: d.name })),
    ...inv.clusters.map((c): SearchEntry => ({ kind: 'cluster', id: c.id, name: c.name })),
    ...[...inv.tags.keys()].map((tag): SearchEntry => ({ kind: 'tag', id: tag, name: tag })),
  ];
  groups = { index: new SearchIndex(entries), from: [...from] };
  return groups.index;
}

/** VMs only, for the wizard's picker. */
let vmsOnly: { index: SearchIndex; vms: InventoryState['vms'] } | null = null;
export function vmIndex(inv: InventoryState): SearchIndex {
  if (vmsOnly?.vms === inv.vms) return vmsOnly.index;
  if (vmsOnly && vmsOnly.vms.size === inv.vms.size && [...inv.vms.values()].every((v) => vmsOnly?.vms.get(v.id)?.name === v.name)) {
    vmsOnly = { ...vmsOnly, vms: inv.vms };
    return vmsOnly.index;
  }
  vmsOnly = { index: new SearchIndex([...inv.vms.values()].map((v) => ({ kind: 'vm', id: v.id, name: v.name }))), vms: inv.vms };
  return vmsOnly.index;
}

/** Tasks are found by their VM's name or by their id; a few thousand at most, rebuilt as they change. */
let tasks: { index: SearchIndex; from: ReadonlyMap<string, Task> } | null = null;
export function taskIndex(from: ReadonlyMap<string, Task>): SearchIndex {
  if (tasks?.from === from) return tasks.index;
  const entries: SearchEntry[] = [...from.values()]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((t) => ({ kind: 'task', id: t.id, name: t.vmName }));
  tasks = { index: new SearchIndex(entries), from };
  return tasks.index;
}
