import { describe, expect, it } from 'vitest';
import { sameData } from '../../src/main/base/same-data';

const vm = () => ({
  id: 'vm-1',
  name: 'web01',
  cpuUsage: 0.4,
  memoryUsedBytes: 10,
  disks: [{ target: 'vda', bytes: 1024, pool: null }],
  tags: ['prod', 'eu'],
  cpuPending: undefined,
});

describe('sameData: equality of reported data, as JSON would see it', () => {
  it('finds equal data equal whatever the key order, and an undefined key absent', () => {
    const { cpuPending: _p, ...withoutPending } = vm();
    expect(sameData(vm(), vm())).toBe(true);
    expect(sameData(vm(), withoutPending)).toBe(true);
    expect(sameData({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
  });

  it('finds every difference: a value deep inside, an element, a length, a key, a type', () => {
    expect(sameData(vm(), { ...vm(), disks: [{ target: 'vda', bytes: 2048, pool: null }] })).toBe(false);
    expect(sameData(vm(), { ...vm(), tags: ['eu', 'prod'] })).toBe(false);
    expect(sameData(vm(), { ...vm(), tags: ['prod'] })).toBe(false);
    expect(sameData(vm(), { ...vm(), extra: 0 })).toBe(false);
    expect(sameData(vm(), { ...vm(), cpuPending: null })).toBe(false);
    expect(sameData({ a: [] }, { a: {} })).toBe(false);
    expect(sameData({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(undefined, vm())).toBe(false);
  });

  it('leaves out the top-level keys it is told to ignore, and only those', () => {
    const ignoring = new Set(['cpuUsage', 'memoryUsedBytes']);
    expect(sameData(vm(), { ...vm(), cpuUsage: 0.9, memoryUsedBytes: 99 }, ignoring)).toBe(true);
    expect(sameData(vm(), { ...vm(), name: 'web02', cpuUsage: 0.9 }, ignoring)).toBe(false);
    expect(sameData({ a: { cpuUsage: 1 } }, { a: { cpuUsage: 2 } }, ignoring)).toBe(false);
  });
});
