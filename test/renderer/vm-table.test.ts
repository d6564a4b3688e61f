import { describe, expect, it } from 'vitest';
import type { Vm } from '../../src/shared/model/inventory';
import { VmTable } from '../../src/renderer/src/state/vm-table';

const vm = (id: string, hostId = 'h1'): Vm => ({ id, name: id, hostId }) as Vm;
const ids = (table: ReadonlyMap<string, Vm>) => [...table.values()].map((v) => `${v.id}@${v.hostId}`);

describe('the VM table', () => {
  it('finds VMs by id, as a Map of them would', () => {
    const vms = Array.from({ length: 5000 }, (_, i) => vm(`DC0_C${i % 7}_H${i % 50}_VM${i}`));
    const table = VmTable.of(vms);
    const map = new Map(vms.map((v) => [v.id, v]));
    expect(table.size).toBe(map.size);
    for (const v of vms) expect(table.get(v.id)).toBe(v);
    expect(table.get('DC0_C0_H0_VM5000')).toBeUndefined();
    expect(table.has('DC0_C1_H1_VM1')).toBe(true);
    expect(table.has('')).toBe(false);
    expect([...table.keys()]).toEqual([...map.keys()]);
    expect([...table]).toEqual([...map]);
    const visited: string[] = [];
    table.forEach((v, id) => visited.push(id === v.id ? id : 'mismatch'));
    expect(visited).toEqual([...map.keys()]);
  });

  it('keeps the first place and the last VM of a repeated id', () => {
    expect(ids(VmTable.of([vm('a', 'h1'), vm('b'), vm('a', 'h2')]))).toEqual(['a@h2', 'b@h1']);
  });

  it('makes a new table for a change and leaves the old one as it was', () => {
    const before = VmTable.of([vm('a'), vm('b'), vm('c')]);
    const after = before.with([vm('b', 'h2'), vm('d')], ['a']);
    expect(ids(after)).toEqual(['b@h2', 'c@h1', 'd@h1']);
    expect(after.get('a')).toBeUndefined();
    expect(after.get('d')?.id).toBe('d');
    expect(ids(before)).toEqual(['a@h1', 'b@h1', 'c@h1']);
    expect(before.get('d')).toBeUndefined();
  });

  it('removes what a change both sets and removes, and is itself when nothing changes', () => {
    const table = VmTable.of([vm('a'), vm('b')]);
    expect(ids(table.with([vm('a', 'h2')], ['a']))).toEqual(['b@h1']);
    expect(table.with([], [])).toBe(table);
  });

  it('grows as VMs are added one change at a time', () => {
    let table = VmTable.empty;
    for (let i = 0; i < 300; i++) table = table.with([vm(`vm-${i}`)]);
    expect(table.size).toBe(300);
    for (let i = 0; i < 300; i++) expect(table.get(`vm-${i}`)?.id).toBe(`vm-${i}`);
  });

  it('removed one at a time (a VM taken out of a large selection), keeps the others in order and finds each', () => {
    const vms = Array.from({ length: 2000 }, (_, i) => vm(`vm-${i}`));
    let table = VmTable.of(vms);
    const removed = new Set<string>();
    // Every 7th, in a scattered order: the probe chains they sat in must still find the VMs after them.
    for (let i = 0; i < 2000; i += 7) {
      const id = `vm-${(i * 13) % 2000}`;
      table = table.with([], [id]);
      removed.add(id);
    }
    const left = vms.filter((v) => !removed.has(v.id));
    expect(table.size).toBe(left.length);
    expect([...table.keys()]).toEqual(left.map((v) => v.id));
    for (const v of vms) expect(table.get(v.id)).toBe(removed.has(v.id) ? undefined : v);
    // And it takes VMs again after that.
    const again = table.with([vm('vm-0', 'h2'), vm('new')]);
    expect(again.get('vm-0')?.hostId).toBe('h2');
    expect([...again.keys()].slice(-1)).toEqual(['new']);
  });
});
