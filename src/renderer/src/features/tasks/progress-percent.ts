import type { Task } from '../../../../shared/model/migration';

/**
 * How far a task got, in whole percent, for the Progress bar; null for a rolled-back move: it moved
 * nothing, so a part-filled bar ("Cancelled, rolled back | 65%") would say otherwise (new-user review).
 * Its details still tell how far the copy got before it was undone.
 */
export function progressPercent(task: Task): number | null {
  if (task.state === 'aborted') return null;
  return Math.floor(task.progress.fraction * 100);
}
