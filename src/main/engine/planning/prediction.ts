import type { ConvergencePolicy, MigrationType, Prediction } from '../../../shared/model/migration';
import { completionBudgetMs } from './convergence';
import { PrecopyReplay, type GuestMemoryModel } from './precopy-replay';

export interface PredictionInput extends GuestMemoryModel {
  type: MigrationType;
  /** What this migration will get of the link: the slower endpoint, shared with migrations already on it. */
  bandwidthBps: number;
  diskBytes: number;
  diskWriteRateBps: number;
  storageBps: number;
  policy: ConvergencePolicy;
  postCopyAvailable: boolean;
  /** What this pair of hosts showed a move costs besides its copy, and a switchover beyond its last pass; else generic figures. */
  learnedFixedMs?: number | null;
  learnedSwitchoverMs?: number | null;
  /** A powered-off guest: nothing of its memory moves and it has no switchover. */
  cold?: boolean;
}

const setupMs = 500;
const switchMs = 15;
const postCopySwitchMs = 40;

/**
 * Predicts duration and downtime before a migration starts, from memory size, measured dirty rate
 * and available bandwidth, replaying the engine's convergence policy pass by pass (each pass sends
 * what the guest dirtied during the previous one, at most its writable working set).
 */
export function predict(input: PredictionInput): Prediction {
  const b = Math.max(1, input.bandwidthBps);
  const switchoverMs = input.learnedSwitchoverMs ?? switchMs;
  let durationMs = input.learnedFixedMs ?? setupMs;
  let transfer = 0;
  let diskMs = 0;
  if (input.type !== 'compute') {
    const effective = Math.max(1, Math.min(b, input.storageBps) - input.diskWriteRateBps);
    diskMs = (input.diskBytes / effective) * 1000;
    durationMs += diskMs;
    transfer += input.diskBytes;
  }
  if (input.type === 'storage')
    return { durationMs, downtimeMs: 0, iterations: 0, transferBytes: transfer, converges: true, strategy: 'precopy' };
  // Off, it is down before and after: the move adds no downtime of its own.
  if (input.cold) return { durationMs, downtimeMs: null, iterations: 0, transferBytes: transfer, converges: true, strategy: 'cold' };

  // The engine gives up on a memory copy that has not sent everything (nor gone post-copy) within this (transfer.ts).
  const budgetMs = completionBudgetMs(input.policy, input.memoryBytes);
  const givesUp = (copyMs: number | null): Prediction => ({
    durationMs: null,
    downtimeMs: null,
    iterations: replay.iteration,
    transferBytes: transfer,
    converges: false,
    strategy: copyMs === null ? 'will-not-converge' : 'times-out',
    givesUp: { afterMs: diskMs + budgetMs, copyMs },
  });

  const replay = new PrecopyReplay(input, input.policy, input.postCopyAvailable);
  for (let pass = replay.firstPassBytes; ;) {
    const passMs = (pass / b) * 1000;
    durationMs += passMs;
    transfer += pass;
    const end = replay.endPass(pass, passMs, b);
    if (end.kind === 'next-pass') {
      pass = end.bytes;
      continue;
    }
    if (end.kind === 'gives-up') return givesUp(null);
    const lastMs = (end.bytes / b) * 1000;
    // Post-copy is asked for at the end of a pass; a pre-copy has to send its last pass too.
    const copyMs = durationMs - diskMs + (end.strategy === 'post-copy' ? 0 : lastMs);
    if (copyMs > budgetMs) return givesUp(copyMs);
    return {
      durationMs: durationMs + lastMs,
      downtimeMs: end.strategy === 'post-copy' ? postCopySwitchMs : lastMs + switchoverMs,
      downtimeBoundMs: end.strategy === 'post-copy' ? postCopySwitchMs : replay.limitMs + switchoverMs,
      switchoverMs: end.strategy === 'post-copy' ? postCopySwitchMs : switchoverMs,
      iterations: replay.iteration,
      transferBytes: transfer + end.bytes,
      converges: true,
      strategy: end.strategy,
    };
  }
}
