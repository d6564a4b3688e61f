import { describe, expect, it } from 'vitest';
import type { Cluster, Datacenter } from '../../src/shared/model/inventory';
import { shownIds, treeNodes, treeShape, type TreeNode } from '../../src/renderer/src/features/inventory/tree-items';

const source = {
  datacenters: [{ id: 'dc', name: 'DC0' }] as Datacenter[],
  clusters: [
    { id: 'c1', name: 'C1', datacenterId: 'dc' },
    { id: 'c0', name: 'C0', datacenterId: 'dc' },
  ] as Cluster[],
  hosts: new Map([
    ['h10', { id: 'h10', name: 'H10', clusterId: 'c0' }],
    ['h2', { id: 'h2', name: 'H2', clusterId: 'c0' }],
    ['h3', { id: 'h3', name: 'H3', clusterId: 'c1' }],
  ]),
  vms: new Map([
    ['v1', { id: 'v1', name: 'vm-b', hostId: 'h2' }],
    ['v2', { id: 'v2', name: 'vm-a', hostId: 'h2' }],
  ]),
};
const shape = treeShape(source);
const flat = (nodes: TreeNode[]): string[] =>
  nodes.flatMap((n) => [`${n.level} ${n.position}/${n.setSize} ${n.id} ${n.label}`, ...flat(n.children ?? [])]);

describe('the inventory tree rows', () => {
  it('builds what is open only: a closed item holds one placeholder, so it can open', () => {
    expect(flat(treeNodes(source.datacenters, shape, new Set()))).toEqual(['1 1/1 datacenter:dc DC0', '2 1/1 datacenter:dc#more …']);
  });

  it('sorts hosts and VMs by name, numbers counted as numbers, and tells each row its level and place', () => {
    const open = new Set(['datacenter:dc', 'cluster:c0', 'host:h2']);
    expect(flat(treeNodes(source.datacenters, shape, open))).toEqual([
      '1 1/1 datacenter:dc DC0',
      '2 1/2 cluster:c1 C1',
      '3 1/1 cluster:c1#more …',
      '2 2/2 cluster:c0 C0',
      '3 1/2 host:h2 H2',
      '4 1/2 vm:v2 vm-a',
      '4 2/2 vm:v1 vm-b',
      '3 2/2 host:h10 H10',
    ]);
  });

  it('an item with nothing under it cannot open', () => {
    const open = new Set(['datacenter:dc', 'cluster:c1']);
    const h3 = treeNodes(source.datacenters, shape, open)[0]?.children?.[0]?.children?.[0];
    expect(h3?.id).toBe('host:h3');
    expect(h3?.children).toBeUndefined();
  });

  it('knows which rows are shown: the open items and their children, not what a closed item holds', () => {
    const nodes = treeNodes(source.datacenters, shape, new Set(['datacenter:dc', 'cluster:c0']));
    expect([...shownIds(nodes)]).toEqual(['datacenter:dc', 'cluster:c1', 'cluster:c0', 'host:h2', 'host:h10']);
  });
});
