import type { Priority, Task } from './migration';

/** Priorities in the order they start. */
export const priorityRank: Record<Priority, number> = { high: 0, default: 1, low: 2 };

/** The order queued migrations start in: by priority, then as requested (a stable sort keeps ties in request order). */
export const admissionOrder = (a: Pick<Task, 'priority' | 'createdAt'>, b: Pick<Task, 'priority' | 'createdAt'>): number =>
  priorityRank[a.priority] - priorityRank[b.priority] || a.createdAt.localeCompare(b.createdAt);
