import { useMemo } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { isActive } from '../../state/tasks-store';

/** Active tasks first, then the newest. */
export function useSortedTasks(tasks: Map<string, Task>): Task[] {
  return useMemo(
    () => [...tasks.values()].sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || b.createdAt.localeCompare(a.createdAt)),
    [tasks],
  );
}
