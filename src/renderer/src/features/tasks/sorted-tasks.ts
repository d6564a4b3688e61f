import { useMemo } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { byRecency } from './task-order';

/** Queued on top, then by newest start, whatever the state (task-order.ts). */
export function useSortedTasks(tasks: Map<string, Task>): Task[] {
  return useMemo(() => [...tasks.values()].sort(byRecency), [tasks]);
}
