import type { Cluster, Datacenter } from '../../../../shared/model/inventory';
import { compareNames } from '../../../../shared/model/names';

/** One row of the inventory tree, as the tree view takes it: its place in the hierarchy travels with it. */
export interface TreeNode {
  id: string;
  label: string;
  /** aria-level, aria-posinset and aria-setsize: the rows are siblings in the DOM, so the hierarchy is told. */
  level: number;
  position: number;
  setSize: number;
  children?: TreeNode[];
}

/** What the tree is built from: names and who holds whom, nothing that host metrics change. */
export interface TreeSource {
  datacenters: readonly Datacenter[];
  clusters: readonly Cluster[];
  hosts: ReadonlyMap<string, { id: string; name: string; clusterId: string }>;
  vms: ReadonlyMap<string, { id: string; name: string; hostId: string }>;
}

type Kind = 'datacenter' | 'cluster' | 'host' | 'vm';
/** The same ids as treeId in state/selection (kept free of React here, so plain Node tests it). */
const treeId = (kind: Kind, id: string): string => `${kind}:${id}`;

/** Stands in for the children of a closed item, so it shows an expand arrow without building them. */
export const placeholderSuffix = '#more';
export const isPlaceholder = (itemId: string): boolean => itemId.endsWith(placeholderSuffix);

interface Member {
  id: string;
  name: string;
}

const byName = (a: Member, b: Member) => compareNames(a.name, b.name);

/**
 * Counted first, so each list is made at its size: grown by push, the arrays each outgrew were
 * garbage the load left for the first full collection to compact while the VM list scrolled.
 * Walked with forEach (arrays and Maps alike), which makes no iterator results.
 */
function groupBy<T extends Member>(items: { forEach(visit: (item: T) => void): void }, key: (item: T) => string): Map<string, T[]> {
  const placed = new Map<string, number>();
  items.forEach((item) => placed.set(key(item), (placed.get(key(item)) ?? 0) + 1));
  const map = new Map<string, T[]>();
  placed.forEach((size, group) => {
    map.set(group, new Array<T>(size));
    placed.set(group, 0);
  });
  items.forEach((item) => {
    const group = key(item);
    const at = placed.get(group) as number;
    (map.get(group) as T[])[at] = item;
    placed.set(group, at + 1);
  });
  return map;
}

/**
 * Hosts and VMs are put in name order when their parent is first opened, not all at load: 2,000
 * sorts of 40,000 VMs the tree does not show cost the load time and left their work arrays as garbage.
 */
const named = new WeakSet<Member[]>();
function inNameOrder(members: Member[]): Member[] {
  if (named.has(members)) return members;
  members.sort(byName);
  named.add(members);
  return members;
}

/** Who holds whom: rebuilt only when objects appear, vanish, move or are renamed. */
export interface TreeShape {
  clustersByDc: Map<string, Member[]>;
  hostsByCluster: Map<string, Member[]>;
  vmsByHost: Map<string, Member[]>;
}

export function treeShape(source: TreeSource): TreeShape {
  return {
    // Clusters keep the order the inventory gives them; hosts and VMs go by name (inNameOrder).
    clustersByDc: groupBy(source.clusters, (c) => c.datacenterId),
    hostsByCluster: groupBy(source.hosts, (h) => h.clusterId),
    vmsByHost: groupBy(source.vms, (v) => v.hostId),
  };
}

/**
 * The rows of the tree. A closed item gets one placeholder child instead of its children, so a
 * large estate (40,000 VMs) builds rows for what is open only, as a vCenter tree loads on expand.
 */
export function treeNodes(datacenters: readonly Member[], shape: TreeShape, open: ReadonlySet<string>): TreeNode[] {
  const level = (members: readonly Member[], depth: number, kind: Kind): TreeNode[] =>
    members.map((member, index) => {
      const id = treeId(kind, member.id);
      const node: TreeNode = { id, label: member.name, level: depth, position: index + 1, setSize: members.length };
      const below =
        kind === 'datacenter'
          ? shape.clustersByDc.get(member.id)
          : kind === 'cluster'
            ? shape.hostsByCluster.get(member.id)
            : kind === 'host'
              ? shape.vmsByHost.get(member.id)
              : undefined;
      if (!below?.length) return node;
      const childKind = kind === 'datacenter' ? 'cluster' : kind === 'cluster' ? 'host' : 'vm';
      node.children = open.has(id)
        ? level(childKind === 'cluster' ? below : inNameOrder(below), depth + 1, childKind)
        : [{ id: id + placeholderSuffix, label: '…', level: depth + 1, position: 1, setSize: 1 }];
      return node;
    });
  return level(datacenters, 1, 'datacenter');
}

/** The ids of the rows the tree renders: the open items' children, not the placeholders of closed ones. */
export function shownIds(nodes: readonly TreeNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (isPlaceholder(node.id)) continue;
    into.add(node.id);
    if (node.children) shownIds(node.children, into);
  }
  return into;
}
