import { useSyncExternalStore } from 'react';

/** Which task the Tasks view shows in its detail pane; the Recent tasks pane opens one here. */
let opened: string | null = null;
const listeners = new Set<() => void>();

export function openTask(taskId: string | null): void {
  opened = taskId;
  for (const l of listeners) l();
}

export function useOpenedTask(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => opened,
  );
}
