import { useSyncExternalStore } from 'react';

/*
 * The inventory tree's one Tab stop (roving tabindex): the item that last had the keyboard, however it
 * got it (a click on its name or its arrow, the arrow keys, the search). The tree view's own rule
 * puts it on the first selected item only, so after a click on another item's arrow Tab came back
 * to the old one. While that item is not shown (its branch closed, the item gone), the tree view's
 * rule applies again, so the tree always has a Tab stop.
 */

let focused: string | null = null;
let shown: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();
const notify = (): void => {
  for (const listener of listeners) listener();
};

/** The item that took the keyboard focus. */
export function noteTreeFocus(itemId: string): void {
  if (focused === itemId) return;
  focused = itemId;
  notify();
}

/** The items the tree renders now (those under closed items are not). */
export function noteShownItems(itemIds: ReadonlySet<string>): void {
  shown = itemIds;
  notify();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/**
 * An item's tabindex: 0 for the Tab stop, else -1; the tree view's own choice (`fallback`) while the
 * last focused item is not shown. A row re-renders only when its own value changes.
 */
export function useTreeTabIndex(itemId: string | undefined, fallback: number | undefined): number | undefined {
  return useSyncExternalStore(subscribe, () => {
    if (itemId === undefined || focused === null || !shown.has(focused)) return fallback;
    return focused === itemId ? 0 : -1;
  });
}
