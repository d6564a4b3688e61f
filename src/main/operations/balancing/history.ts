import type { Task } from '../../../shared/model/migration';
import type { AppliedRecommendation } from '../../../shared/model/operations';
import type { AppliedRecommendationRow } from '../../store/applied-recommendations';

/** A history row as the admin reads it: the outcome is the task's state now, or the engine's refusal. */
export function historyEntry(row: AppliedRecommendationRow, task: Task | undefined): AppliedRecommendation {
  const { refusal, ...rest } = row;
  if (refusal !== null) return { ...rest, outcome: 'refused', problem: refusal };
  return {
    ...rest,
    outcome: task?.state ?? 'unknown',
    problem: task?.error ? task.error.message : null,
  };
}
