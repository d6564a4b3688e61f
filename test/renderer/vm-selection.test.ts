import { describe, expect, it } from 'vitest';
import type { Vm } from '../../src/shared/model/inventory';
import {
  allShown,
  anchorIndex,
  keptIn,
  movedTo,
  noSelection,
  onlyVm,
  ranged,
  selectedIds,
  selectedWords,
  toggled,
  type VmSelection,
} from '../../src/renderer/src/features/vms/vm-selection';

/** Only what the selection reads: the id (unlike the name, to show which one it keys on). */
const vm = (name: string): Vm => ({ id: `id-${name}`, name }) as Vm;
const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(vm) as [Vm, Vm, Vm, Vm, Vm];
const list = [a, b, c, d, e];
/** The selected VMs' names, in the order of `shown`. */
const names = (selection: VmSelection, shown: readonly Vm[] = list) => selectedIds(selection, shown).map((id) => id.slice(3));

describe("the VM list's selection", () => {
  it('a click selects one VM; Ctrl-click adds and removes one, the others kept', () => {
    const one = onlyVm(list, 1);
    expect(names(one)).toEqual(['b']);
    const two = toggled(one, list, 3);
    expect(names(two)).toEqual(['b', 'd']);
    expect(names(toggled(two, list, 1))).toEqual(['d']);
    // A click again: that VM alone.
    expect(names(onlyVm(list, 4))).toEqual(['e']);
  });

  it('Shift-click selects from the last row clicked or toggled to this one, in the order shown, either way round', () => {
    const from = toggled(onlyVm(list, 0), list, 3);
    expect(names(ranged(from, list, 1, false))).toEqual(['b', 'c', 'd']);
    expect(names(ranged(from, list, 4, false))).toEqual(['d', 'e']);
    // Drawn again from the same anchor: the range replaces the last one.
    expect(names(ranged(ranged(from, list, 4, false), list, 2, false))).toEqual(['c', 'd']);
    // With Ctrl too, the range is added to what was selected.
    expect(names(ranged(from, list, 4, true))).toEqual(['a', 'd', 'e']);
  });

  it('a range follows the sort: the rows between the two in the list as now sorted', () => {
    const reversed = [...list].reverse(); // e d c b a
    const anchored = onlyVm(list, 1); // b, at 1 when it was picked; now at 3
    expect(anchorIndex(anchored, reversed)).toBe(3);
    expect(names(ranged(anchored, reversed, 1, false), reversed)).toEqual(['d', 'c', 'b']);
  });

  it('with no anchor (Shift+arrow first), the range starts at the row the keyboard was on', () => {
    expect(names(ranged(noSelection, list, 3, false, 1))).toEqual(['b', 'c', 'd']);
    expect(names(ranged(noSelection, list, 2, false))).toEqual(['c']);
  });

  // New-user review: the anchor stayed on the row last clicked while the keys moved on, so one Shift+↑ after End selected all but one VM.
  it('a plain key move selects the new active row alone and moves the anchor there; Shift+arrow then draws from it', () => {
    const plain = { toggle: false, range: false };
    const shift = { toggle: false, range: true };
    const clicked = onlyVm(list, 0);
    const down3 = movedTo(movedTo(movedTo(clicked, list, 1, 0, plain), list, 2, 1, plain), list, 3, 2, plain);
    expect(names(down3)).toEqual(['d']);
    expect(anchorIndex(down3, list)).toBe(3);
    expect(names(movedTo(down3, list, 4, 3, shift))).toEqual(['d', 'e']);
    // Click the 2nd row, End, Shift+↑: the last two, not all but the first.
    const atEnd = movedTo(onlyVm(list, 1), list, 4, 1, plain);
    expect(names(movedTo(atEnd, list, 3, 4, shift))).toEqual(['d', 'e']);
  });

  it('Ctrl with a move keeps the selection and its anchor; Ctrl+Shift adds the range from the anchor', () => {
    const ctrl = { toggle: true, range: false };
    const two = toggled(onlyVm(list, 0), list, 2); // a c, anchored at c
    const moved = movedTo(two, list, 3, 2, ctrl);
    expect(moved).toBe(two);
    expect(names(movedTo(moved, list, 4, 3, { toggle: true, range: true }))).toEqual(['a', 'c', 'd', 'e']);
    // Nothing anchored yet: the range starts at the row the keyboard moved from.
    expect(names(movedTo(noSelection, list, 2, 1, { toggle: false, range: true }))).toEqual(['b', 'c']);
  });

  it('Ctrl+A selects every row shown, and none of the rows not shown', () => {
    const shown = [b, d];
    expect(names(allShown(noSelection, shown), list)).toEqual(['b', 'd']);
    expect(allShown(noSelection, list).vms.size).toBe(5);
  });

  it('rows a filter hides leave the selection and do not come back with them; the same selection when none left', () => {
    const three = ranged(onlyVm(list, 0), list, 2, false); // a b c
    const same = keptIn(three, [...list].reverse());
    expect(same).toBe(three);
    const filtered = keptIn(three, [a, c, e]);
    expect(names(filtered)).toEqual(['a', 'c']);
    expect(filtered.vms.size).toBe(2);
    // The anchor (a) is still shown: Shift-click goes on from it.
    expect(names(ranged(filtered, [a, c, e], 1, false), [a, c, e])).toEqual(['a', 'c']);
    expect(names(keptIn(filtered, list))).toEqual(['a', 'c']);
    // The anchor hidden: a range then starts afresh.
    expect(keptIn(toggled(three, list, 3), [a, b]).anchor).toBeNull();
    expect(keptIn(noSelection, [])).toBe(noSelection);
  });

  it('at 40,000 rows: Ctrl+A, a long Shift range, the list unchanged keeping the same selection', () => {
    const many = Array.from({ length: 40_000 }, (_, i) => vm(`vm${i}`));
    const all = allShown(noSelection, many);
    expect(all.vms.size).toBe(40_000);
    expect(keptIn(all, many)).toBe(all);
    const range = ranged(onlyVm(many, 39_000), many, 100, false);
    expect(range.vms.size).toBe(38_901);
    expect(selectedIds(range, many)[0]).toBe('id-vm100');
  });

  it('says how many are selected, or how to select several', () => {
    expect(selectedWords(3)).toBe('3 selected');
    expect(selectedWords(40_000)).toBe('40,000 selected');
    expect(selectedWords(0)).toBe('None selected: Ctrl-click or Shift-click rows to select several');
  });
});
