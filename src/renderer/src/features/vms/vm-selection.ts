import type { Vm } from '../../../../shared/model/inventory';
import { formatCount } from '../../components/format';
import { VmTable } from '../../state/vm-table';

/**
 * The VMs chosen in the list (clicks, Space, the arrow keys, Ctrl+A), its own and not the
 * tree's: the tree's selection is stored at every change, and 40,000 VMs of Ctrl+A would be written
 * there and selected in the tree each time. Only VMs the list shows are ever in it: a filter or a
 * sort that hides a VM drops it (`keptIn`), so the count and "Migrate n VMs…" never act on a VM out of sight.
 */
export interface VmSelection {
  /** By id in a VmTable, not a Set: a Set would internalize the ids (see vm-table.ts). */
  readonly vms: VmTable;
  /**
   * Where a Shift range starts: the VM last clicked, toggled or moved to with a plain key, with its place then
   * (found again if the list moved).
   */
  readonly anchor: { id: string; index: number } | null;
}

export const noSelection: VmSelection = { vms: VmTable.empty, anchor: null };

/** A plain click: that VM alone. */
export const onlyVm = (shown: readonly Vm[], index: number): VmSelection => {
  const vm = shown[index];
  return vm ? { vms: VmTable.of([vm]), anchor: { id: vm.id, index } } : noSelection;
};

/** Ctrl-click or Space: the row's VM in or out of the selection; either way a Shift range starts from it. */
export function toggled(selection: VmSelection, shown: readonly Vm[], index: number): VmSelection {
  const vm = shown[index];
  if (!vm) return selection;
  const vms = selection.vms.has(vm.id) ? selection.vms.with([], [vm.id]) : selection.vms.with([vm]);
  return { vms, anchor: { id: vm.id, index } };
}

/** The anchor's place in the list as it is now; -1 when there is none or it is no longer shown. */
export function anchorIndex(selection: VmSelection, shown: readonly Vm[]): number {
  const anchor = selection.anchor;
  if (!anchor) return -1;
  if (shown[anchor.index]?.id === anchor.id) return anchor.index;
  return shown.findIndex((vm) => vm.id === anchor.id);
}

/**
 * Shift-click or Shift+arrow: the rows from the anchor to this one, in the list's order (its sort and
 * filters), in place of the selection, or added to it with Ctrl. With no anchor the range starts at
 * `from` (the row the keyboard was on), else at this row. The anchor stays, so a range can be redrawn.
 */
export function ranged(selection: VmSelection, shown: readonly Vm[], index: number, adding: boolean, from = index): VmSelection {
  if (!shown[index]) return selection;
  const found = anchorIndex(selection, shown);
  const start = found >= 0 ? found : Math.max(0, Math.min(shown.length - 1, from));
  const rows = shown.slice(Math.min(start, index), Math.max(start, index) + 1);
  const anchorVm = shown[start] as Vm;
  return {
    vms: adding ? selection.vms.with(rows) : VmTable.of(rows),
    anchor: { id: anchorVm.id, index: start },
  };
}

/** How a row was clicked, or Space or a moving key pressed: Ctrl (or ⌘) toggles, Shift selects a range, both add a range. */
export interface PickKeys {
  toggle: boolean;
  range: boolean;
}

/**
 * A key moved the active row to `index` from `from`, as Explorer and vSphere have it: alone it selects that
 * row alone, so the anchor moves with it (a later Shift+arrow starts there, not at the last row clicked);
 * with Shift it draws the range from the anchor (with Ctrl too, adds it); with Ctrl alone it leaves the
 * selection and its anchor as they are, to reach a row for Ctrl+Space.
 */
export function movedTo(selection: VmSelection, shown: readonly Vm[], index: number, from: number, keys: PickKeys): VmSelection {
  if (keys.range) return ranged(selection, shown, index, keys.toggle, from);
  return keys.toggle ? selection : onlyVm(shown, index);
}

/** Ctrl+A: every row shown (one pass, at 40,000 rows too). */
export const allShown = (selection: VmSelection, shown: readonly Vm[]): VmSelection => ({
  vms: VmTable.of(shown),
  anchor: selection.anchor,
});

/**
 * After the list changed (a filter, a sort, the scope, the inventory): the selection less the VMs no
 * longer shown. The same object when nothing left, so nothing renders again; one pass over the
 * shown rows, and none while nothing is selected.
 */
export function keptIn(selection: VmSelection, shown: readonly Vm[]): VmSelection {
  if (selection.vms.size === 0) return selection;
  const kept = shown.filter((vm) => selection.vms.has(vm.id));
  if (kept.length === selection.vms.size) return selection;
  const anchor = selection.anchor && kept.some((vm) => vm.id === selection.anchor?.id) ? selection.anchor : null;
  return { vms: VmTable.of(kept), anchor };
}

/** The selected VMs' ids in the list's order: what the wizard is opened with. */
export const selectedIds = (selection: VmSelection, shown: readonly Vm[]): string[] =>
  selection.vms.size === 0 ? [] : shown.filter((vm) => selection.vms.has(vm.id)).map((vm) => vm.id);

/** "3 selected", or how to select several while none is. */
export const selectedWords = (count: number): string =>
  count === 0 ? 'None selected: Ctrl-click or Shift-click rows to select several' : `${formatCount(count)} selected`;
