import type { Task } from '../../../shared/model/migration';
import type { InventoryState } from './inventory-store';
import { SearchIndex, type SearchEntry } from './search-index';

/**
 * The index of the inventory's objects, built when first asked for and kept while names stay the
 * same. A migration moves a VM (a new structure version) without renaming anything: checking the
 * names costs a Map lookup per object, rebuilding the index much more.
 */
let objects: { index: SearchIndex; version: number; names: Map<string, string>; inv: InventoryState } | null = null;

const key = (kind: string, id: string) => `${kind}:${id}`;

function namesOf(inv: InventoryState): Map<string, string> {
  const names = new Map<string, string>();
  for (const v of inv.vms.values()) names.set(key('vm', v.id), v.name);
  for (const h of inv.hosts.values()) names.set(key('host', h.id), h.name);
  for (const d of inv.datastores) names.set(key('datastore', d.id), d.name);
  for (const n of inv.networks) names.set(key('network', n.id), n.name);
  return names;
}

function sameNames(inv: InventoryState, names: Map<string, string>): boolean {
  if (inv.vms.size + inv.hosts.size + inv.datastores.length + inv.networks.length !== names.size) return false;
  for (const v of inv.vms.values()) if (names.get(key('vm', v.id)) !== v.name) return false;
  for (const h of inv.hosts.values()) if (names.get(key('host', h.id)) !== h.name) return false;
  for (const d of inv.datastores) if (names.get(key('datastore', d.id)) !== d.name) return false;
  for (const n of inv.networks) if (names.get(key('network', n.id)) !== n.name) return false;
  return true;
}

export function objectIndex(inv: InventoryState): SearchIndex {
  if (objects && (objects.inv === inv || objects.version === inv.structureVersion)) return objects.index;
  if (objects && sameNames(inv, objects.names)) {
    objects = { ...objects, version: inv.structureVersion, inv };
    return objects.index;
  }
  const entries: SearchEntry[] = [];
  for (const h of inv.hosts.values()) entries.push({ kind: 'host', id: h.id, name: h.name });
  for (const d of inv.datastores) entries.push({ kind: 'datastore', id: d.id, name: d.name });
  for (const n of inv.networks) entries.push({ kind: 'network', id: n.id, name: n.name });
  for (const v of inv.vms.values()) entries.push({ kind: 'vm', id: v.id, name: v.name });
  objects = { index: new SearchIndex(entries), version: inv.structureVersion, names: namesOf(inv), inv };
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
