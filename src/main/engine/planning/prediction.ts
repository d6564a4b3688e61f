import type { ConvergencePolicy, MigrationType, Prediction } from '../../../shared/model/migration';
import { applyConvergence, initialConvergence, nextConvergenceAction } from './convergence';

export interface PredictionInput {
  type: MigrationType;
  memoryBytes: number;
  dirtyRateBps: number;
  /** The guest's writable working set when the backend knows it; else 10 s of its dirty rate. */
  workingSetBytes?: number | undefined;
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
const maxPasses = 60;
// QEMU's auto-converge: throttle 20% first, then 10% more each time it is still behind.
const throttleInitial = 0.2;
const throttleStep = 0.1;
/**
 * Guests rewrite mostly the same pages: we assume what they dirty within this window is distinct,
 * and later writes hit pages already dirty. It caps a pass (the writable working set estimate).
 */
const workingSetWindowSec = 10;

/**
 * Predicts duration and downtime before a migration starts, from memory size, measured dirty rate
 * and available bandwidth, replaying the engine's convergence policy pass by pass (each pass sends
 * what the guest dirtied during the previous one, at most its estimated writable working set).
 */
export function predict(input: PredictionInput): Prediction {
  const b = Math.max(1, input.bandwidthBps);
  const switchoverMs = input.learnedSwitchoverMs ?? switchMs;
  let durationMs = input.learnedFixedMs ?? setupMs;
  let transfer = 0;
  if (input.type !== 'compute') {
    const effective = Math.max(1, Math.min(b, input.storageBps) - input.diskWriteRateBps);
    durationMs += (input.diskBytes / effective) * 1000;
    transfer += input.diskBytes;
  }
  if (input.type === 'storage')
    return { durationMs, downtimeMs: 0, iterations: 0, transferBytes: transfer, converges: true, strategy: 'precopy' };
  // Off, it is down before and after: the move adds no downtime of its own.
  if (input.cold) return { durationMs, downtimeMs: null, iterations: 0, transferBytes: transfer, converges: true, strategy: 'cold' };

  let state = initialConvergence(input.policy);
  let throttle = 0;
  let behind = 0;
  let pass = input.memoryBytes;
  const workingSet = Math.min(input.memoryBytes, input.workingSetBytes ?? input.dirtyRateBps * workingSetWindowSec);
  for (let iteration = 1; iteration <= maxPasses; iteration++) {
    const passMs = (pass / b) * 1000;
    durationMs += passMs;
    transfer += pass;
    const dirtied = Math.min(workingSet, input.dirtyRateBps * (1 - throttle) * (passMs / 1000));
    const stopMs = (dirtied / b) * 1000;
    if (stopMs <= state.limitMs) {
      const strategy = throttle > 0 ? 'auto-converge' : state.limitMs > input.policy.maxDowntimeMs ? 'downtime-ramp' : 'precopy';
      return {
        durationMs: durationMs + stopMs,
        downtimeMs: stopMs + switchoverMs,
        iterations: iteration,
        transferBytes: transfer + dirtied,
        converges: true,
        strategy,
      };
    }
    const action = nextConvergenceAction(input.policy, state, iteration, input.postCopyAvailable);
    if (action.kind === 'post-copy') {
      return {
        durationMs: durationMs + (dirtied / b) * 1000,
        downtimeMs: postCopySwitchMs,
        iterations: iteration,
        transferBytes: transfer + dirtied,
        converges: true,
        strategy: 'post-copy',
      };
    }
    state = applyConvergence(state, action, iteration);
    behind = dirtied >= pass * 0.5 ? behind + 1 : 0;
    if (state.autoConverging && behind >= 2) {
      throttle = throttle === 0 ? throttleInitial : Math.min(0.99, throttle + throttleStep);
      behind = 0;
    }
    pass = dirtied;
  }
  return {
    durationMs: null,
    downtimeMs: null,
    iterations: maxPasses,
    transferBytes: transfer,
    converges: false,
    strategy: 'will-not-converge',
  };
}
