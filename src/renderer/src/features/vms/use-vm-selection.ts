import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Vm } from '../../../../shared/model/inventory';
import {
  allShown,
  keptIn,
  movedTo,
  noSelection,
  onlyVm,
  ranged,
  selectedIds,
  toggled,
  type PickKeys,
  type VmSelection,
} from './vm-selection';

export interface VmSelectionControls {
  selection: VmSelection;
  /** A click on the row at `index`, or Space on it. */
  pick: (index: number, keys: PickKeys) => void;
  /** A key moved the active row from `from` to `index` (arrows, Home, End, the page keys): see `movedTo`. */
  move: (index: number, from: number, keys: PickKeys) => void;
  selectAll: () => void;
  clear: () => void;
  /** The VMs a row's Migrate… moves: the whole selection (in the list's order) when its VM is part of it, else that VM. */
  movedWith: (vmId: string) => string[];
}

/** The selection outlives the view (another tab unmounts it) for the page's life: a cache, never saved. */
const remembered: { selection: VmSelection } = { selection: noSelection };

/**
 * The list's selection over the rows as shown. The callbacks never change, so the rows (memoized)
 * render again only when their own selected state does, not at each click or inventory update.
 * `onChosen`: a VM clicked or toggled on, for the Summary and the tree to follow, as a tree click does.
 */
export function useVmSelection(shown: readonly Vm[], onChosen: (vmId: string) => void): VmSelectionControls {
  const [stored, setStored] = useState<VmSelection>(() => remembered.selection);
  // A VM the list no longer shows leaves the selection, in the render that hides it (no frame with a stale count),
  // and in the first one (what was remembered may be hidden now).
  const [keptFor, setKeptFor] = useState<readonly Vm[] | null>(null);
  let selection = stored;
  if (keptFor !== shown) {
    setKeptFor(shown);
    selection = keptIn(stored, shown);
    if (selection !== stored) setStored(selection);
  }
  const latest = useRef({ shown, selection, onChosen });
  useLayoutEffect(() => {
    latest.current = { shown, selection, onChosen };
    remembered.selection = selection;
  });

  const change = useCallback((next: VmSelection, chosen: string | null) => {
    latest.current.selection = next;
    setStored(next);
    if (chosen) latest.current.onChosen(chosen);
  }, []);
  const pick = useCallback(
    (index: number, keys: PickKeys) => {
      const { shown, selection } = latest.current;
      const id = shown[index]?.id ?? null;
      if (keys.range) change(ranged(selection, shown, index, keys.toggle), id);
      else if (keys.toggle) {
        const next = toggled(selection, shown, index);
        change(next, id && next.vms.has(id) ? id : null);
      } else change(onlyVm(shown, index), id);
    },
    [change],
  );
  // The Summary and the tree do not follow each key press (the tree's selection is stored at each change): Space or Enter chooses.
  const move = useCallback(
    (index: number, from: number, keys: PickKeys) => {
      const { shown, selection } = latest.current;
      change(movedTo(selection, shown, index, from, keys), null);
    },
    [change],
  );
  const selectAll = useCallback(() => {
    const { shown, selection } = latest.current;
    change(allShown(selection, shown), null);
  }, [change]);
  const clear = useCallback(() => change(noSelection, null), [change]);
  const movedWith = useCallback((vmId: string) => {
    const { shown, selection } = latest.current;
    return selection.vms.size > 1 && selection.vms.has(vmId) ? selectedIds(selection, shown) : [vmId];
  }, []);
  return useMemo(() => ({ selection, pick, move, selectAll, clear, movedWith }), [selection, pick, move, selectAll, clear, movedWith]);
}
