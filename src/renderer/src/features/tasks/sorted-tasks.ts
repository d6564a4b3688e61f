import { useMemo } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { byRecency } from './task-order';

/** Running, then queued, then the rest, each newest first (task-order.ts). */
export function useSortedTasks(tasks: Map<string, Task>): Task[] {
  return useMemo(() => [...tasks.values()].sort(byRecency), [tasks]);
}
