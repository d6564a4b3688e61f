// What a balancing move costs, from the engine's own prediction (memory, the measured or assumed
// dirty rate, the link as learned or configured): its duration and pause. A guest predicted not to
// converge, or to converge only by throttling it or by post-copy, is never worth it for balance.

import type { Host, Vm } from '../../../shared/model/inventory';
import { defaultConvergencePolicy, type Prediction } from '../../../shared/model/migration';
import { predictionFor, type PredictionContext } from '../../engine/planning/prediction-for';

export type PredictMove = (vm: Vm, to: Host) => Prediction;

/** The plain pre-copy moves balancing may propose; the rest would need the guest slowed or split. */
const gentle: ReadonlySet<Prediction['strategy']> = new Set(['precopy', 'downtime-ramp']);

export function predictMoveWith(ctx: PredictionContext): PredictMove {
  return (vm, to) =>
    predictionFor(ctx, vm, {
      destHostId: to.id,
      type: 'compute',
      destDatastoreId: null,
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
    });
}

/** Why the move is not proposed, or null when it converges gently. */
export function refusalOf(p: Prediction): string | null {
  if (!p.converges || p.durationMs === null) return 'predicted not to converge on its link';
  if (!gentle.has(p.strategy)) return `would converge only by ${p.strategy === 'post-copy' ? 'post-copy' : 'throttling the guest'}`;
  return null;
}

/**
 * The divisor of a move's benefit: 1 for a free move, growing with the time the link is busy (a
 * minute doubles it) and with the pause the guest feels (a second doubles it).
 */
export function costOf(p: Prediction): number {
  return 1 + (p.durationMs ?? Infinity) / 60_000 + (p.downtimeMs ?? Infinity) / 1_000;
}
