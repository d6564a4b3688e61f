// The failback plan's datastore select (issue #14, new-user review 13, 10): the planner's choice is
// named as such, and the confirm sends what the plan showed.

import { describe, expect, it } from 'vitest';
import { shownStores } from '../../src/renderer/src/features/maintenance/shown-stores';
import { storeChoiceWords } from '../../src/renderer/src/features/maintenance/store-choice-words';
import type { PlannedMove } from '../../src/shared/model/operations';

const choice = (datastoreId: string, origin = false, holdsDisks = false) => ({
  datastoreId,
  datastoreName: datastoreId,
  origin,
  holdsDisks,
});
const move = (vmId: string, storeChoice?: PlannedMove['storeChoice']) => ({ vmId, storeChoice }) as PlannedMove;

describe('the datastore a failback puts disks back on', () => {
  it('names the store the disks came from, and the one where they are now, of one disk as "it" (new-user review 16, 11)', () => {
    expect(storeChoiceWords(choice('DS0', true), 1)).toBe('DS0 (where it came from)');
    expect(storeChoiceWords(choice('DS1', false, true), 1)).toBe('DS1 (where it is now)');
    expect(storeChoiceWords(choice('DS0', true), 2)).toBe('DS0 (where they came from)');
    expect(storeChoiceWords(choice('DS1', false, true), 2)).toBe('DS1 (where they are now)');
    expect(storeChoiceWords(choice('DS2'), 1)).toBe('DS2');
  });

  it('sends the stores the plan shows other than where the disks came from', () => {
    const choices = [choice('DS0', true), choice('DS1')];
    expect(shownStores([move('vm-a', { selectedId: 'DS0', choices }), move('vm-b', { selectedId: 'DS1', choices }), move('vm-c')])).toEqual(
      { 'vm-b': 'DS1' },
    );
  });
});
