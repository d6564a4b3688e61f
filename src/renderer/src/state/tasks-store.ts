import { useMemo, useSyncExternalStore } from 'react';
import type { Task } from '../../../shared/model/migration';
import { api, onReconnect } from '../api/client';

/** Queued or running: a task that still holds its VM (the tree marks it, Cancel is offered). */
export const isActive = (t: Task): boolean => t.state === 'queued' || t.state === 'running';

interface TasksState {
  status: 'loading' | 'ready' | 'error';
  error: Error | null;
  tasks: Map<string, Task>;
  /** Tasks a command just started that have not arrived yet: views show them loading, not "no migrations". */
  awaiting: ReadonlySet<string>;
}

let state: TasksState = { status: 'loading', error: null, tasks: new Map(), awaiting: new Set() };
const listeners = new Set<() => void>();
const set = (next: TasksState): void => {
  state = next;
  for (const l of listeners) l();
};

let started = false;
/** Loads recent tasks once and keeps them current from main's batched task events. */
export function startTasks(): void {
  if (started) return;
  started = true;
  // Main sends up to 10 updates a second per task; the screen needs fewer: coalesce to 4 renders a second.
  let pending: Task[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  api.on('tasks.changed', ({ tasks }) => {
    pending.push(...tasks);
    timer ??= setTimeout(() => {
      timer = null;
      const next = new Map(state.tasks);
      for (const t of pending) next.set(t.id, t);
      pending = [];
      set({ ...state, tasks: next, awaiting: stillAwaited(state.awaiting, next) });
    }, 250);
  });
  // Task events sent while the socket was down (a frozen tab is dropped) are lost: list them again.
  onReconnect(() => loadTasks(true));
  loadTasks(false);
}

function loadTasks(afresh: boolean): void {
  const before = state.tasks;
  api.invoke('tasks.list', { limit: 1000 }).then(
    (tasks) => {
      const next = new Map(tasks.map((t) => [t.id, t]));
      // Events may have arrived first: they are newer than the list. After a reconnect, only those
      // that arrived since the list was asked for are (the rest is what the list replaces).
      for (const [id, t] of state.tasks) if (!afresh || before.get(id) !== t) next.set(id, t);
      if (afresh) for (const [id, t] of before) if (!next.has(id)) next.set(id, t);
      set({ status: 'ready', error: null, tasks: next, awaiting: stillAwaited(state.awaiting, next) });
    },
    (error: Error) => set({ ...state, status: 'error', error }),
  );
}

const stillAwaited = (awaiting: ReadonlySet<string>, tasks: Map<string, Task>): ReadonlySet<string> =>
  [...awaiting].some((id) => tasks.has(id)) ? new Set([...awaiting].filter((id) => !tasks.has(id))) : awaiting;

/** How long a started task may take to arrive before views stop waiting for it (main sends it within a second). */
const awaitLimitMs = 5000;

/** Tasks just started (their ids are in hand, the tasks themselves come with the next event): wait for them. */
export function expectTasks(taskIds: readonly string[]): void {
  const missing = taskIds.filter((id) => !state.tasks.has(id));
  if (!missing.length) return;
  set({ ...state, awaiting: new Set([...state.awaiting, ...missing]) });
  setTimeout(() => {
    if (missing.some((id) => state.awaiting.has(id)))
      set({ ...state, awaiting: new Set([...state.awaiting].filter((id) => !missing.includes(id))) });
  }, awaitLimitMs);
}

export function useTasks(): TasksState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** VMs with a migration queued or running, for the tree's "migrating" marks. */
export function useMigratingVmIds(): ReadonlySet<string> {
  const { tasks } = useTasks();
  const active = [...tasks.values()]
    .filter(isActive)
    .map((t) => t.vmId)
    .sort()
    .join('\n');
  return useMemo(() => new Set(active ? active.split('\n') : []), [active]);
}

const migratingByTasks = new WeakMap<Map<string, Task>, ReadonlySet<string>>();
/** The VMs with an active task, computed once per tasks update however many rows ask. */
function migratingIds(): ReadonlySet<string> {
  let ids = migratingByTasks.get(state.tasks);
  if (!ids) {
    ids = new Set([...state.tasks.values()].filter(isActive).map((t) => t.vmId));
    migratingByTasks.set(state.tasks, ids);
  }
  return ids;
}

/** Whether one VM is migrating: its tree row re-renders when that changes, not at every task update. */
export function useIsVmMigrating(vmId: string): boolean {
  return useSyncExternalStore(subscribeToTasks, () => migratingIds().has(vmId));
}

const subscribeToTasks = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
