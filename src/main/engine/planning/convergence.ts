import type { ConvergencePolicy } from '../../../shared/model/migration';

/** What the policy wants done when a pass ends without converging. */
export type ConvergenceAction =
  { kind: 'none' } | { kind: 'raise-downtime'; limitMs: number } | { kind: 'auto-converge' } | { kind: 'post-copy' };

export interface ConvergenceState {
  limitMs: number;
  autoConverging: boolean;
  /** Iteration at which auto-converge was switched on. */
  autoConvergeSince: number | null;
}

/** Passes of plain pre-copy before the policy starts helping. */
const patientPasses = 3;
/** Passes of throttling before post-copy is preferred. */
const throttlePasses = 6;
const rampFactor = 1.5;

export const initialConvergence = (policy: ConvergencePolicy): ConvergenceState => ({
  limitMs: policy.maxDowntimeMs,
  autoConverging: false,
  autoConvergeSince: null,
});

/**
 * Where the policy stands for a job already under way (Ferry restarted, or re-attached): what the
 * hypervisor already has is kept, so a raised downtime limit is never lowered and a throttle never
 * switched off by starting the policy over.
 */
export function resumedConvergence(
  policy: ConvergencePolicy,
  job: { downtimeLimitMs: number; throttlePercent: number; iteration: number },
): ConvergenceState {
  const throttled = job.throttlePercent > 0;
  return {
    limitMs: Math.max(policy.maxDowntimeMs, job.downtimeLimitMs),
    autoConverging: throttled,
    autoConvergeSince: throttled ? job.iteration : null,
  };
}

/**
 * The convergence policy, in order: a few plain passes; then raise the downtime limit step by step
 * up to the ramp's maximum; then throttle the guest (auto-converge); then post-copy when allowed.
 * Decided at the end of each pass from the iteration number alone, so a prediction can replay it.
 */
export function nextConvergenceAction(
  policy: ConvergencePolicy,
  state: ConvergenceState,
  iteration: number,
  postCopyAvailable: boolean,
): ConvergenceAction {
  if (iteration <= patientPasses) return { kind: 'none' };
  const rampMax = Math.max(policy.maxDowntimeMs, policy.downtimeRampMaxMs);
  if (state.limitMs < rampMax) return { kind: 'raise-downtime', limitMs: Math.min(rampMax, Math.round(state.limitMs * rampFactor)) };
  if (policy.autoConverge && !state.autoConverging) return { kind: 'auto-converge' };
  const throttledLongEnough =
    !policy.autoConverge || (state.autoConvergeSince !== null && iteration - state.autoConvergeSince >= throttlePasses);
  // With nothing left to try, the runner's completion timeout ends the migration.
  return throttledLongEnough && policy.allowPostCopy && postCopyAvailable ? { kind: 'post-copy' } : { kind: 'none' };
}

export function applyConvergence(state: ConvergenceState, action: ConvergenceAction, iteration: number): ConvergenceState {
  switch (action.kind) {
    case 'raise-downtime':
      return { ...state, limitMs: action.limitMs };
    case 'auto-converge':
      return { ...state, autoConverging: true, autoConvergeSince: iteration };
    case 'none':
    case 'post-copy':
      return state;
  }
}

/** How long a memory copy may take before the engine gives up on it (transfer.ts), as the prediction replays it. */
export const completionBudgetMs = (policy: ConvergencePolicy, memoryBytes: number): number =>
  policy.completionTimeoutSecPerGiB * Math.max(1, memoryBytes / 1024 ** 3) * 1000;
