import type { GuestShutDown, TaskState } from '../../../shared/model/migration';
import { formatDuration } from './format';
import { shutDownDetail } from './shut-down-words';

/** The downtime Ferry watched from outside the guest, in words: what it means when there is none. */
export function describeObserved(observedMs: number | null, state: TaskState): string {
  if (observedMs !== null) return `${formatDuration(observedMs)} observed (the guest did not answer from here for that long)`;
  switch (state) {
    case 'queued':
    case 'running':
      return 'not yet observed (once the guest switches over)';
    case 'completed':
    case 'completed_with_problems':
      return 'not observed (the guest could not be reached from this console, or Ferry restarted during the move)';
    default:
      return 'not observed (the move did not switch over as planned)';
  }
}

/**
 * A task's downtime, predicted, reported by the hypervisor and observed by Ferry. Before the switchover
 * there is none yet, said once rather than as a dash and a riddle (new-user review 7).
 */
export function describeDowntime(d: {
  predictedMs: number | null;
  /** "at most …" beside the prediction (downtime-words.ts), or null. */
  bound?: string | null;
  reportedMs: number | null;
  observedMs: number | null;
  state: TaskState;
  /** A powered-off guest's move: off before and after, it pauses nothing (new-user review 11, 7). */
  cold?: boolean;
  /** Ferry shut the running guest down for the move: down from then to its power-on (issue #14). */
  shutDown?: GuestShutDown | null;
}): string {
  if (d.shutDown) return shutDownDetail(d.shutDown, d.state);
  if (d.cold) return 'none (off): the VM is powered off before and after the move';
  const predicted = `${formatDuration(d.predictedMs)} predicted${d.bound ? ` (${d.bound})` : ''}`;
  const active = d.state === 'queued' || d.state === 'running';
  if (active && d.reportedMs === null && d.observedMs === null)
    return `${predicted}; not yet: reported by the hypervisor and observed once the guest switches over`;
  const reported = d.reportedMs === null ? 'none' : formatDuration(d.reportedMs);
  return `${predicted}, ${reported} reported by the hypervisor, ${describeObserved(d.observedMs, d.state)}`;
}
