import { admissionOrder } from '../../../../shared/model/admission-order';
import type { Task } from '../../../../shared/model/migration';

/** When it started, or for one that never did, when it was requested. */
const startOf = (t: Task): string => t.startedAt ?? t.createdAt;
const waiting = (t: Task): number => (t.state === 'queued' ? 1 : 0);

/**
 * The order of the task grids: every started task by its newest start, whatever its state, then
 * what waits, in the order the engine starts it. A row thus stays where it is when its move ends
 * (grouping running above ended made it jump down: new-user review 10, 16), and what runs is not
 * pushed out of the docked pane by a maintenance's queued moves; a move that starts goes to the
 * top, with the newest.
 */
export const byRecency = (a: Task, b: Task): number =>
  waiting(a) - waiting(b) || (waiting(a) ? admissionOrder(a, b) : startOf(b).localeCompare(startOf(a)));
