import { describe, expect, it } from 'vitest';
import type { Vm } from '../../src/shared/model/inventory';
import { filterRows, noFilter, sortRows, toRows } from '../../src/renderer/src/features/vms/vm-rows';

const GiB = 1024 ** 3;
const vm = (name: string, hostId: string, memoryGiB: number, extra: Partial<Vm> = {}): Vm =>
  ({ id: name, name, hostId, power: 'running', memoryBytes: memoryGiB * GiB, tags: [], missionCritical: false, ...extra }) as Vm;

const rows = toRows(
  [
    vm('web10', 'h1', 8, { tags: ['Web'] }),
    vm('web2', 'h1', 2, { power: 'off' }),
    vm('db1', 'h2', 64, { missionCritical: true, tags: ['db', 'erp'] }),
  ],
  new Map([
    ['h1', 'kvm-a'],
    ['h2', 'kvm-b'],
  ]),
  new Set(['db1']),
);
const names = (list: { name: string }[]) => list.map((r) => r.name);

describe('the VM list rows', () => {
  it('filter on each column, all filters together', () => {
    expect(names(filterRows(rows, { ...noFilter, name: 'WEB' }))).toEqual(['web10', 'web2']);
    expect(names(filterRows(rows, { ...noFilter, host: 'kvm-b' }))).toEqual(['db1']);
    expect(names(filterRows(rows, { ...noFilter, power: 'off' }))).toEqual(['web2']);
    expect(names(filterRows(rows, { ...noFilter, minMemoryGiB: 8, maxMemoryGiB: 8 }))).toEqual(['web10']);
    expect(names(filterRows(rows, { ...noFilter, tag: 'web' }))).toEqual(['web10']);
    expect(names(filterRows(rows, { ...noFilter, missionCritical: 'no' }))).toEqual(['web10', 'web2']);
    expect(names(filterRows(rows, { ...noFilter, migrating: 'yes' }))).toEqual(['db1']);
    expect(names(filterRows(rows, { ...noFilter, name: 'web', power: 'running' }))).toEqual(['web10']);
  });

  it('sort by a column either way, names in natural order (web2 before web10)', () => {
    expect(names(sortRows(rows, { field: 'name', direction: 'asc' }))).toEqual(['db1', 'web2', 'web10']);
    expect(names(sortRows(rows, { field: 'memoryBytes', direction: 'desc' }))).toEqual(['db1', 'web10', 'web2']);
    expect(names(sortRows(rows, { field: 'hostName', direction: 'asc' }))).toEqual(['web2', 'web10', 'db1']);
    expect(sortRows(rows, null)).toBe(rows);
  });
});
