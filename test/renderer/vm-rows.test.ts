import { describe, expect, it } from 'vitest';
import type { Vm } from '../../src/shared/model/inventory';
import { exactTag, filterVms, noFilter, rowLabel, shownWords, sortVms } from '../../src/renderer/src/features/vms/vm-rows';

const GiB = 1024 ** 3;
const vm = (name: string, hostId: string, memoryGiB: number, extra: Partial<Vm> = {}): Vm =>
  ({ id: name, name, hostId, power: 'running', memoryBytes: memoryGiB * GiB, tags: [], missionCritical: false, ...extra }) as Vm;

const vms = [
  vm('web10', 'h1', 8, { tags: ['Web'] }),
  vm('web2', 'h1', 2, { power: 'off' }),
  vm('db1', 'h2', 64, { missionCritical: true, tags: ['db', 'erp'] }),
];
const facts = {
  hostNames: new Map([
    ['h1', 'kvm-a'],
    ['h2', 'kvm-b'],
  ]),
  migrating: new Set(['db1']),
};
const names = (list: { name: string }[]) => list.map((r) => r.name);
const filtered = (filter: Partial<typeof noFilter>) => names(filterVms(vms, { ...noFilter, ...filter }, facts));

describe('the VM list', () => {
  it('filters on each column, all filters together', () => {
    expect(filtered({ name: 'WEB' })).toEqual(['web10', 'web2']);
    expect(filtered({ host: 'kvm-b' })).toEqual(['db1']);
    expect(filtered({ power: 'off' })).toEqual(['web2']);
    expect(filtered({ minMemoryGiB: 8, maxMemoryGiB: 8 })).toEqual(['web10']);
    expect(filtered({ tag: 'web' })).toEqual(['web10']);
    expect(filtered({ tag: 'RP' })).toEqual(['db1']);
    // In quotes, one whole tag: "db" is not "db-eu" (a tag opened from the search).
    const withEu = [...vms, vm('db2', 'h2', 16, { tags: ['db-eu'] })];
    expect(names(filterVms(withEu, { ...noFilter, tag: 'db' }, facts))).toEqual(['db1', 'db2']);
    expect(names(filterVms(withEu, { ...noFilter, tag: exactTag('db') }, facts))).toEqual(['db1']);
    expect(names(filterVms(withEu, { ...noFilter, tag: '"WEB"' }, facts))).toEqual(['web10']);
    expect(filtered({ tag: '"d"' })).toEqual([]);
    expect(filtered({ missionCritical: 'no' })).toEqual(['web10', 'web2']);
    expect(filtered({ migrating: 'yes' })).toEqual(['db1']);
    expect(filtered({ name: 'web', power: 'running' })).toEqual(['web10']);
    // Scoped to the tree's host (or the hosts under its cluster or datacenter), filters apply within.
    expect(names(filterVms(vms, noFilter, facts, new Set(['h1'])))).toEqual(['web10', 'web2']);
    expect(names(filterVms(vms, { ...noFilter, power: 'off' }, facts, new Set(['h1'])))).toEqual(['web2']);
    // The list shows the inventory's own VM objects, not copies.
    expect(filterVms(vms, noFilter, facts)[0]).toBe(vms[0]);
  });

  it('sorts by a column either way, names in natural order (web2 before web10)', () => {
    expect(names(sortVms(vms, { field: 'name', direction: 'asc' }, facts))).toEqual(['db1', 'web2', 'web10']);
    expect(names(sortVms(vms, { field: 'memoryBytes', direction: 'desc' }, facts))).toEqual(['db1', 'web10', 'web2']);
    expect(names(sortVms(vms, { field: 'hostName', direction: 'asc' }, facts))).toEqual(['web2', 'web10', 'db1']);
    expect(names(sortVms(vms, { field: 'tags', direction: 'asc' }, facts))).toEqual(['web2', 'db1', 'web10']);
    expect(names(sortVms(vms, { field: 'migrating', direction: 'desc' }, facts))).toEqual(['db1', 'web2', 'web10']);
    expect(sortVms(vms, null, facts)).toBe(vms);
  });

  it('names a row by its VM, host, power state and migration, so a screen reader tells rows apart', () => {
    expect(rowLabel(vm('web-01', 'h1', 2), 'esx-3', true)).toBe('web-01, on esx-3, running, migrating');
    expect(rowLabel(vm('web-02', 'h1', 2, { power: 'off' }), 'esx-3', false)).toBe('web-02, on esx-3, powered off');
    expect(rowLabel(vm('db', 'h2', 2, { power: 'paused' }), 'esx-4', false)).toBe('db, on esx-4, paused');
    expect(rowLabel(vm('x', 'h2', 2, { power: 'unknown' }), 'esx-4', false)).toBe('x, on esx-4, power unknown');
  });

  it('takes single and typographic quotes as quotes, and never empties the list over a quote left open or empty', () => {
    const withEu = [...vms, vm('db2', 'h2', 16, { tags: ['db-eu'] }), vm('o', 'h2', 1, { tags: ["o'brien"] })];
    const tagged = (tag: string) => names(filterVms(withEu, { ...noFilter, tag }, facts));
    expect(tagged("'db'")).toEqual(['db1']);
    expect(tagged('“db”')).toEqual(['db1']);
    expect(tagged('‘db’')).toEqual(['db1']);
    // Open, as while typing one: part of a tag, as without the quote.
    expect(tagged('"db')).toEqual(['db1', 'db2']);
    expect(tagged("'db-")).toEqual(['db2']);
    expect(tagged('db"')).toEqual(['db1', 'db2']);
    // Quotes with nothing between them filter nothing.
    expect(tagged('""')).toHaveLength(withEu.length);
    expect(tagged("' '")).toHaveLength(withEu.length);
    // A quote inside a tag is the tag's own.
    expect(tagged("o'b")).toEqual(['o']);
    expect(tagged('"o\'brien"')).toEqual(['o']);
  });
});

// New-user review 8 (c1): a host with one VM read "1 VMs" beside Clear filters.
describe('the count beside Clear filters', () => {
  it('agrees with its number', () => {
    expect(shownWords(1, 1)).toBe('1 VM');
    expect(shownWords(12000, 12000)).toBe('12,000 VMs');
    // New-user review 17, 8: "0 VMs" for 10 s while the large preset loaded.
    expect(shownWords(0, 0, true)).toBe('Loading VMs…');
    expect(shownWords(0, 1)).toBe('0 of 1 VM');
    expect(shownWords(3, 12)).toBe('3 of 12 VMs');
  });
});
