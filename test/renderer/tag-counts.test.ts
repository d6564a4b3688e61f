import { describe, expect, it } from 'vitest';
import type { Vm } from '../../src/shared/model/inventory';
import { countTags, tagsAfter } from '../../src/renderer/src/state/tag-counts';
import type { SearchIndex } from '../../src/renderer/src/state/search-index';

// By a path in a variable: the sources reach the store, which reaches the DOM's types (window), which
// the Node tsconfig that checks the tests lacks; vitest loads it all the same.
const sources = '../../src/renderer/src/state/search-sources';
type Groupings = { datacenters: unknown[]; clusters: unknown[]; tags: ReadonlyMap<string, number> };
type Objects = {
  structureVersion: number;
  vms: ReadonlyMap<string, { id: string; name: string }>;
  hosts: ReadonlyMap<string, { id: string; name: string }>;
  datastores: { id: string; name: string }[];
  networks: { id: string; name: string }[];
};
const { groupIndex, objectIndex } = (await import(/* @vite-ignore */ sources)) as {
  groupIndex: (inv: Groupings) => SearchIndex;
  objectIndex: (inv: Objects) => SearchIndex;
};

const vm = (id: string, tags: string[]): Vm => ({ id, name: id, tags }) as unknown as Vm;

describe('the VMs per tag the search finds tags by', () => {
  it('counts each VM once per tag', () => {
    expect([...countTags([vm('a', ['web', 'web', 'db']), vm('b', ['web'])])]).toEqual([
      ['web', 2],
      ['db', 1],
    ]);
  });

  it('follows added, retagged and removed VMs, and keeps the same Map when no tags changed', () => {
    const a = vm('a', ['web']);
    const counts = countTags([a, vm('b', ['db'])]);
    expect(tagsAfter(counts, [[a, { ...a, hostId: 'elsewhere' } as Vm]])).toBe(counts);
    const retagged = tagsAfter(counts, [
      [a, vm('a', ['web', 'prod'])],
      [undefined, vm('c', ['prod'])],
      [vm('b', ['db']), undefined],
    ]);
    expect(Object.fromEntries(retagged)).toEqual({ web: 1, prod: 2 });
    expect(Object.fromEntries(counts)).toEqual({ web: 1, db: 1 });
  });
});

describe('the index of datacenters, clusters and tags', () => {
  const inv: Groupings = {
    datacenters: [{ id: 'dc0', name: 'DC0' }],
    clusters: [{ id: 'c1', name: 'DC0_C1', datacenterId: 'dc0' }],
    tags: new Map([['analytics', 2]]),
  };

  it('finds each by name, as its own kind', () => {
    const kinds = (query: string) =>
      groupIndex(inv)
        .search(query)
        .hits.map((h) => `${h.entry.kind} ${h.entry.name}`);
    expect(kinds('dc0')).toEqual(['datacenter DC0', 'cluster DC0_C1']);
    expect(kinds('analy')).toEqual(['tag analytics']);
  });

  it('is built once while the groupings stay the same', () => {
    expect(groupIndex({ ...inv })).toBe(groupIndex(inv));
    expect(groupIndex({ ...inv, tags: new Map([['db', 1]]) })).not.toBe(groupIndex(inv));
  });
});

describe('the index of VMs, hosts, datastores and port groups', () => {
  const byId = (...items: { id: string; name: string }[]) => new Map(items.map((i) => [i.id, i]));
  const inv = (version: number, vmName = 'web-1', datastoreName = 'DS0'): Objects => ({
    structureVersion: version,
    vms: byId({ id: 'vm1', name: vmName }, { id: 'vm2', name: 'db-1' }),
    hosts: byId({ id: 'h1', name: 'H1' }),
    datastores: [{ id: 'ds1', name: datastoreName }],
    networks: [{ id: 'pg1', name: 'PG1' }],
  });
  const names = (index: SearchIndex, query: string) => index.search(query).hits.map((h) => h.entry.name);

  it('is kept when a move changes the structure but no name', () => {
    const built = objectIndex(inv(1));
    expect(objectIndex(inv(2))).toBe(built);
  });

  it('is built again when a VM or a datastore is renamed', () => {
    const built = objectIndex(inv(10));
    const renamedVm = objectIndex(inv(11, 'web-2'));
    expect(renamedVm).not.toBe(built);
    expect(names(renamedVm, 'web')).toEqual(['web-2']);
    const renamedDatastore = objectIndex(inv(12, 'web-2', 'fast-ds'));
    expect(renamedDatastore).not.toBe(renamedVm);
    expect(names(renamedDatastore, 'fast')).toEqual(['fast-ds']);
  });
});
