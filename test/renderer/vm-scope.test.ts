import { describe, expect, it } from 'vitest';
import type { Cluster, Datacenter } from '../../src/shared/model/inventory';
import { countIn, hostFilterOutside, vmScopeOf } from '../../src/renderer/src/features/vms/vm-scope';

const source = {
  datacenters: [
    { id: 'dc0', name: 'DC0' },
    { id: 'dc1', name: 'DC1' },
  ] as Datacenter[],
  clusters: [
    { id: 'c0', name: 'C0', datacenterId: 'dc0' },
    { id: 'c1', name: 'C1', datacenterId: 'dc0' },
    { id: 'c2', name: 'C2', datacenterId: 'dc1' },
  ] as Cluster[],
  hosts: new Map([
    ['h0', { id: 'h0', name: 'esx-0', clusterId: 'c0' }],
    ['h1', { id: 'h1', name: 'esx-1', clusterId: 'c1' }],
    ['h2', { id: 'h2', name: 'esx-2', clusterId: 'c2' }],
  ]),
};
const vms = [{ hostId: 'h0' }, { hostId: 'h0' }, { hostId: 'h1' }, { hostId: 'h2' }];

describe("the VM list's scope", () => {
  it('is the hosts under the datacenter, cluster or host chosen in the tree, named for the heading', () => {
    const host = vmScopeOf({ kind: 'host', id: 'h0' }, source);
    expect(host?.label).toBe('host esx-0');
    expect([...(host?.hostIds ?? [])]).toEqual(['h0']);
    expect([...(vmScopeOf({ kind: 'cluster', id: 'c1' }, source)?.hostIds ?? [])]).toEqual(['h1']);
    const datacenter = vmScopeOf({ kind: 'datacenter', id: 'dc0' }, source);
    expect(datacenter?.label).toBe('datacenter DC0');
    expect([...(datacenter?.hostIds ?? [])]).toEqual(['h0', 'h1']);
    expect(datacenter && countIn(vms, datacenter)).toBe(3);
  });

  it('is the whole inventory with nothing chosen, or an object no longer there', () => {
    expect(vmScopeOf(null, source)).toBeNull();
    expect(vmScopeOf({ kind: 'host', id: 'gone' }, source)).toBeNull();
    expect(vmScopeOf({ kind: 'vm', id: 'v1' }, source)).toBeNull();
  });
});

describe('a stored Host filter against the tree’s scope (new-user review 12, 16)', () => {
  const names = new Map([...source.hosts.values()].map((h) => [h.id, h.name]));
  it('names the conflict when no host of the scope matches the Host filter', () => {
    const cluster = vmScopeOf({ kind: 'cluster', id: 'c1' }, source);
    expect(hostFilterOutside('esx-0', cluster, names)).toBe('No host of cluster C1 matches the Host filter “esx-0”.');
  });

  it('says nothing when a host of the scope matches, the filter is empty, or nothing is scoped', () => {
    const datacenter = vmScopeOf({ kind: 'datacenter', id: 'dc0' }, source);
    expect(hostFilterOutside('ESX-1', datacenter, names)).toBeNull();
    expect(hostFilterOutside('  ', datacenter, names)).toBeNull();
    expect(hostFilterOutside('esx-9', null, names)).toBeNull();
  });
});
