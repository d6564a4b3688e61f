import type { PendingMove } from '../../src/main/operations/balancing/host-loads';

/** A compute move Ferry has queued (or, with `state`, running). */
export const pendingMove = (vmId: string, from: string, to: string, state: 'queued' | 'running' = 'queued'): PendingMove => ({
  vmId,
  sourceHostId: from,
  destHostId: to,
  type: 'compute',
  state,
  phase: state === 'queued' ? 'queued' : 'memory',
  destDatastoreId: null,
});
