import { useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import type { Vm } from '../../../../shared/model/inventory';
import type { PickKeys } from './vm-selection';

interface Options {
  vms: readonly Vm[];
  /** The grid's scrolled body, holding the rendered rows. */
  body: RefObject<HTMLElement | null>;
  /** The rendered rows: the first and one past the last. */
  start: number;
  end: number;
  rowHeight: number;
  showRow: (body: HTMLElement, index: number) => void;
  /** Space on the row, as a click with the same keys: its VM alone, with Ctrl in or out, with Shift the range to it. */
  onPick: (index: number, keys: PickKeys) => void;
  /** A key moved the active row from `from` to `index`: the selection follows (see `movedTo`). */
  onMove: (index: number, from: number, keys: PickKeys) => void;
  /** Ctrl+A (⌘A): every row shown. */
  onSelectAll: () => void;
  /** Shift+F10 or the menu key: the row's context menu, at that place on screen. */
  onMenu: (index: number, at: { top: number; left: number }) => void;
  /** Enter: the VM opened, as the search opens one (selected in the tree, its Summary shown). */
  onOpen: (vmId: string) => void;
}

export interface ActiveRow {
  /** The row that is the grid body's one Tab stop (-1 when there is none). */
  activeIndex: number;
  /** The body's own Tab stop, while the active row is scrolled away (not rendered). */
  bodyTabIndex: 0 | -1;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
}

/** The row an element is in, and its place in the list (aria-rowindex counts the header as 1). */
function rowOf(element: HTMLElement): { row: HTMLElement; index: number } | null {
  const row = element.closest<HTMLElement>('[role="row"][data-vm-id]');
  return row ? { row, index: Number(row.getAttribute('aria-rowindex')) - 2 } : null;
}

/**
 * The VM list's keyboard, as the WAI-ARIA grid pattern has it: one Tab stop (the active row;
 * roving tabindex), arrows, Home, End and the page keys move it, scrolled into view, and the selection
 * with it (its VM alone; with Shift the range, as a Shift-click; with Ctrl the selection stays); Space is a
 * click on it (Ctrl+Space toggles its VM), Ctrl+A selects every row shown, Enter opens it; → and ← go
 * to and from its Migrate… button. Only the rows that change render again: the rows are told whether
 * they are active and selected, nothing else.
 */
export function useActiveRow({
  vms,
  body,
  start,
  end,
  rowHeight,
  showRow,
  onPick,
  onMove,
  onSelectAll,
  onMenu,
  onOpen,
}: Options): ActiveRow {
  // Its VM, and its place to find it again at once unless the list changed under it.
  const [active, setActive] = useState<{ id: string; index: number } | null>(null);
  // The first row until the admin moves (not the one the window starts at: that changes as it scrolls).
  const activeIndex = useMemo(() => {
    if (!active) return vms.length > 0 ? 0 : -1;
    if (vms[active.index]?.id === active.id) return active.index;
    const found = vms.findIndex((vm) => vm.id === active.id);
    return found >= 0 ? found : vms.length > 0 ? 0 : -1;
  }, [vms, active]);
  const rendered = activeIndex >= start && activeIndex < end;

  // A sort (or a filter, or VMs added before it) moves the admin's VM to another place: the view
  // follows it there if it was in view, so the Tab stop and the keys stay on that VM. One the admin
  // scrolled away from is left where it is.
  const last = useRef({ index: activeIndex, rendered });
  useLayoutEffect(() => {
    const was = last.current;
    last.current = { index: activeIndex, rendered };
    const moved = active && was.index !== activeIndex && vms[activeIndex]?.id === active.id;
    if (moved && was.rendered && body.current) showRow(body.current, activeIndex);
  }, [vms, active, activeIndex, rendered, body, showRow]);

  // The keyboard stays on the active VM's row: rows are reused as the list scrolls, and one that
  // now shows another VM must not keep it (the keys would act on a VM the admin never chose). While
  // the active row is scrolled away the body holds the keyboard, and gives it back when it returns.
  useLayoutEffect(() => {
    const element = body.current;
    const focused = document.activeElement;
    if (!element || !(focused instanceof HTMLElement) || !element.contains(focused)) return;
    const row = rendered ? element.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${activeIndex + 2}"]`) : null;
    if (row) {
      if (!row.contains(focused)) row.focus({ preventScroll: true });
    } else if (focused !== element) element.focus({ preventScroll: true });
  });

  const moveTo = (index: number): true => {
    const to = Math.max(0, Math.min(vms.length - 1, index));
    const vm = vms[to];
    if (vm) {
      if (body.current) showRow(body.current, to);
      setActive((a) => (a?.id === vm.id && a.index === to ? a : { id: vm.id, index: to }));
    }
    return true;
  };

  /** What a key does to the grid; false when it is not the grid's. A move takes the selection with it. */
  const act = (key: string, target: HTMLElement, shift: boolean, ctrl: boolean): boolean => {
    const page = Math.max(1, Math.floor((body.current?.clientHeight ?? 0) / rowHeight) - 1);
    const move = moveKey(key, activeIndex, vms.length, page);
    const keys = { toggle: ctrl, range: shift };
    if (move !== null) {
      const to = Math.max(0, Math.min(vms.length - 1, move));
      moveTo(to);
      onMove(to, activeIndex, keys);
      return true;
    }
    const onButton = target.tagName === 'BUTTON';
    switch (key) {
      case 'ArrowRight': {
        const button = onButton ? null : rowOf(target)?.row.querySelector('button');
        button?.focus();
        return Boolean(button);
      }
      case 'ArrowLeft':
        if (onButton) rowOf(target)?.row.focus();
        return onButton;
      case 'F10':
      case 'ContextMenu': {
        const row = rowOf(target)?.row;
        if ((key === 'F10' && !shift) || !row) return false;
        const rect = row.getBoundingClientRect();
        onMenu(activeIndex, { top: rect.top + rect.height, left: rect.left + 48 });
        return true;
      }
      case 'Enter':
      case ' ': {
        // On the Migrate… button these are its own click.
        const vm = vms[activeIndex];
        if (onButton || !vm) return false;
        moveTo(activeIndex);
        if (key === 'Enter') onOpen(vm.id);
        else onPick(activeIndex, keys);
        return true;
      }
      default:
        return false;
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a' && vms.length > 0) {
      event.preventDefault();
      onSelectAll();
      return;
    }
    // ⌘ is the Mac's Ctrl here, as for clicks.
    if (event.altKey || activeIndex < 0) return;
    if (act(event.key, event.target as HTMLElement, event.shiftKey, ctrl)) event.preventDefault();
  };

  // A row focused by a click or by code (a tag opened from the search) becomes the active one. Tab
  // onto the body (the active row scrolled away) lands on the first row in view instead.
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const element = body.current;
    if (element && event.target === element && !element.contains(event.relatedTarget as Node | null)) {
      moveTo(Math.ceil(element.scrollTop / rowHeight));
      return;
    }
    const found = rowOf(event.target);
    const id = found?.row.dataset.vmId;
    if (!found || !id || vms[found.index]?.id !== id) return;
    setActive((a) => (a?.id === id && a.index === found.index ? a : { id, index: found.index }));
  };

  return { activeIndex, bodyTabIndex: rendered || vms.length === 0 ? -1 : 0, onKeyDown, onFocus };
}

/** Where a moving key takes the active row (not yet held to the list's ends); null for a key that does not move it. */
function moveKey(key: string, from: number, count: number, page: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return from + 1;
    case 'ArrowUp':
      return from - 1;
    case 'PageDown':
      return from + page;
    case 'PageUp':
      return from - page;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
