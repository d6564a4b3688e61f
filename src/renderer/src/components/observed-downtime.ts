import { formatDuration } from './format';

/** The downtime Ferry watched from outside the guest, in words: what it means when there is none. */
export function describeObserved(observedMs: number | null, finished: boolean): string {
  if (observedMs !== null) return `${formatDuration(observedMs)} observed (the guest did not answer from here for that long)`;
  return finished ? 'not observed (the guest could not be reached from this console)' : 'observed once it switches over';
}
