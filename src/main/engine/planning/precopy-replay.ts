// The engine's convergence policy replayed over one guest's pre-copy, pass by pass, at whatever
// bandwidth each pass gets: a prediction replays it at one bandwidth, a plan at the share each
// pass of a move gets as other moves start and finish beside it.

import type { ConvergencePolicy, Prediction } from '../../../shared/model/migration';
import { applyConvergence, initialConvergence, nextConvergenceAction, type ConvergenceState } from './convergence';

export interface GuestMemoryModel {
  memoryBytes: number;
  dirtyRateBps: number;
  /** The guest's writable working set when the backend knows it; else 10 s of its dirty rate. */
  workingSetBytes?: number | undefined;
}

/** What follows a pass: another one, the last copy (the guest paused, or pulled after post-copy), or giving up. */
export type PassEnd =
  | { kind: 'next-pass'; bytes: number }
  | { kind: 'last-copy'; bytes: number; strategy: Exclude<Prediction['strategy'], 'will-not-converge' | 'times-out' | 'cold'> }
  | { kind: 'gives-up' };

export const maxPasses = 60;
// QEMU's auto-converge: throttle 20% first, then 10% more each time it is still behind.
const throttleInitial = 0.2;
const throttleStep = 0.1;
/**
 * Guests rewrite mostly the same pages: we assume what they dirty within this window is distinct,
 * and later writes hit pages already dirty. It caps a pass when the backend does not know the
 * guest's working set.
 */
const workingSetWindowSec = 10;

export class PrecopyReplay {
  /** The pass under way, from 1. */
  iteration = 1;
  private state: ConvergenceState;
  private throttle = 0;
  private behind = 0;
  private readonly workingSet: number;

  constructor(
    private readonly guest: GuestMemoryModel,
    private readonly policy: ConvergencePolicy,
    private readonly postCopyAvailable: boolean,
  ) {
    this.state = initialConvergence(policy);
    this.workingSet = Math.min(guest.memoryBytes, guest.workingSetBytes ?? guest.dirtyRateBps * workingSetWindowSec);
  }

  /** The downtime limit the policy holds the pause to now (raised by a downtime ramp). */
  get limitMs(): number {
    return this.state.limitMs;
  }

  /** The first pass sends all of memory. */
  get firstPassBytes(): number {
    return this.guest.memoryBytes;
  }

  /**
   * The pass that sent `passBytes` took `passMs` and ends at `bandwidthBps`: the guest dirtied
   * meanwhile (its working set at most) what the policy now weighs against the downtime limit.
   */
  endPass(passBytes: number, passMs: number, bandwidthBps: number): PassEnd {
    const b = Math.max(1, bandwidthBps);
    const dirtied = Math.min(this.workingSet, this.guest.dirtyRateBps * (1 - this.throttle) * (passMs / 1000));
    if ((dirtied / b) * 1000 <= this.state.limitMs) {
      const strategy = this.throttle > 0 ? 'auto-converge' : this.state.limitMs > this.policy.maxDowntimeMs ? 'downtime-ramp' : 'precopy';
      return { kind: 'last-copy', bytes: dirtied, strategy };
    }
    const action = nextConvergenceAction(this.policy, this.state, this.iteration, this.postCopyAvailable);
    if (action.kind === 'post-copy') return { kind: 'last-copy', bytes: dirtied, strategy: 'post-copy' };
    this.state = applyConvergence(this.state, action, this.iteration);
    this.behind = dirtied >= passBytes * 0.5 ? this.behind + 1 : 0;
    if (this.state.autoConverging && this.behind >= 2) {
      this.throttle = this.throttle === 0 ? throttleInitial : Math.min(0.99, this.throttle + throttleStep);
      this.behind = 0;
    }
    if (this.iteration >= maxPasses) return { kind: 'gives-up' };
    this.iteration += 1;
    return { kind: 'next-pass', bytes: dirtied };
  }
}
