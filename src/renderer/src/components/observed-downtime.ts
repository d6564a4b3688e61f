import type { TaskState } from '../../../shared/model/migration';
import { formatDuration } from './format';

/** The downtime Ferry watched from outside the guest, in words: what it means when there is none. */
export function describeObserved(observedMs: number | null, state: TaskState): string {
  if (observedMs !== null) return `${formatDuration(observedMs)} observed (the guest did not answer from here for that long)`;
  switch (state) {
    case 'queued':
    case 'running':
      return 'observed once it switches over';
    case 'completed':
    case 'completed_with_problems':
      return 'not observed (the guest could not be reached from this console, or Ferry restarted during the move)';
    default:
      return 'not observed (the move did not switch over as planned)';
  }
}
