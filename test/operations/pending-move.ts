import type { ActiveMove } from '../../src/main/operations/active-jobs';
import { emptyProgress } from '../../src/main/engine/run/progress';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';

/** A compute move Ferry has queued (or, with `state`, running, with nothing copied yet). */
export const pendingMove = (vmId: string, from: string, to: string, state: 'queued' | 'running' = 'queued'): ActiveMove => ({
  vmId,
  sourceHostId: from,
  destHostId: to,
  type: 'compute',
  state,
  phase: state === 'queued' ? 'queued' : 'memory',
  destDatastoreId: null,
  sourceDatastoreIds: [],
  priority: 'default',
  options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
  progress: emptyProgress,
  createdAt: '2026-01-01T00:00:00.000Z',
});
