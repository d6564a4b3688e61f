import { useMemo } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { byRecency } from './task-order';

/** Started tasks by newest start, whatever the state, then the queued ones (task-order.ts). */
export function useSortedTasks(tasks: Map<string, Task>): Task[] {
  return useMemo(() => [...tasks.values()].sort(byRecency), [tasks]);
}
