import { describe, expect, it } from 'vitest';
import { isStoredSort, isStoredVmFilter } from '../../src/renderer/src/features/vms/vm-list-stored';
import { isNoFilter, noFilter } from '../../src/renderer/src/features/vms/vm-rows';

describe('the VM list filters and sort read back after a reload', () => {
  it('takes a filter and a sort this console wrote', () => {
    const filter = { ...noFilter, power: 'off', minMemoryGiB: 1.5, tag: 'db', migrating: 'yes' };
    expect(isStoredVmFilter(JSON.parse(JSON.stringify(filter)))).toBe(true);
    expect(isStoredSort({ field: 'memoryBytes', direction: 'desc' })).toBe(true);
    expect(isStoredSort(null)).toBe(true);
  });

  it('ignores what another version or a hand wrote', () => {
    for (const bad of [
      null,
      'off',
      [],
      { ...noFilter, power: 'sleeping' },
      { ...noFilter, minMemoryGiB: 'lots' },
      { ...noFilter, maxMemoryGiB: -1 },
      { ...noFilter, missionCritical: true },
      { ...noFilter, colour: 'red' },
      { name: 'web' },
    ])
      expect(isStoredVmFilter(bad)).toBe(false);
    for (const bad of [{ field: 'colour', direction: 'asc' }, { field: 'name', direction: 'up' }, { field: 'name' }, 'name', undefined])
      expect(isStoredSort(bad)).toBe(false);
  });

  it('a filter read back that filters nothing counts as none (Clear filters stays off)', () => {
    expect(isNoFilter(JSON.parse(JSON.stringify(noFilter)))).toBe(true);
    expect(isNoFilter({ ...noFilter, host: 'h1' })).toBe(false);
  });
});
