import type { Task } from '../../../../shared/model/migration';

const activity = (t: Task): number => (t.state === 'running' ? 2 : t.state === 'queued' ? 1 : 0);
/** When it started, or for one that never did, when it was requested. */
const startOf = (t: Task): string => t.startedAt ?? t.createdAt;

/**
 * The order of the task grids, as vCenter's Recent Tasks: running first, then queued, then the rest;
 * within each, the newest start first. By request time alone, a maintenance's moves (all requested
 * at once) kept no order the Start column showed (new-user review 10, 16).
 */
export const byRecency = (a: Task, b: Task): number => activity(b) - activity(a) || startOf(b).localeCompare(startOf(a));
