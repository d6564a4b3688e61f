import type { Task } from '../../../../shared/model/migration';

/** When it started, or for one that never did, when it was requested. */
const startOf = (t: Task): string => t.startedAt ?? t.createdAt;
const waiting = (t: Task): number => (t.state === 'queued' ? 1 : 0);

/**
 * The order of the task grids, as vCenter's Recent Tasks: what waits on top, then every started
 * task by its newest start, whatever its state. A row thus stays where it is when its move ends
 * (grouping by state made it jump down: new-user review 10, 16), and the next queued move, the
 * oldest, sits just above the started ones, where it lands once it starts.
 */
export const byRecency = (a: Task, b: Task): number => waiting(b) - waiting(a) || startOf(b).localeCompare(startOf(a));
