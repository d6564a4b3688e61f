import { useSyncExternalStore } from 'react';

/**
 * What the admin just opened from elsewhere (the global search), for the view that shows it: the
 * tree focuses the item, the summary its heading, the VM list filters by the tag and focuses its
 * first VM. The keyboard then goes on from there instead of from <body>.
 */
export type OpenTarget = { kind: 'tree-item'; treeId: string } | { kind: 'summary' } | { kind: 'vm-list'; tag: string };

interface OpenRequest {
  target: OpenTarget;
  /** Opening the same thing twice is a new request. */
  serial: number;
}

let request: OpenRequest | null = null;
let serial = 0;
const listeners = new Set<() => void>();

export function requestOpen(target: OpenTarget): void {
  request = { target, serial: ++serial };
  for (const listener of listeners) listener();
}

/** The request not taken yet; the view that fulfils it calls `takeOpenRequest` so a later mount does not repeat it. */
export function useOpenRequest(): OpenRequest | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => request,
  );
}

export function takeOpenRequest(taken: OpenRequest): void {
  if (request !== taken) return;
  request = null;
  for (const listener of listeners) listener();
}

let polling = 0;
/**
 * Focuses an element once it shows (a revealed tree branch, a view loaded on first use renders a
 * frame or more later); gives up after about a second, or when another open asks for the focus.
 */
export function focusWhenShown(find: () => HTMLElement | null | undefined, frames = 60): void {
  cancelAnimationFrame(polling);
  const attempt = (): void => {
    const element = find();
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'nearest' });
    } else if (frames-- > 0) polling = requestAnimationFrame(attempt);
  };
  polling = requestAnimationFrame(attempt);
}
