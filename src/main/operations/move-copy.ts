// One move's copy as a plan lives it: its disks first, then its memory pass by pass at whatever
// share of the links each pass gets, then the last copy. A pass made long by a crowded link lets
// the guest dirty more; one that speeds up when neighbours finish converges sooner.

import type { Vm } from '../../shared/model/inventory';
import { defaultConvergencePolicy, type ConvergencePolicy } from '../../shared/model/migration';
import { PrecopyReplay } from '../engine/planning/precopy-replay';

type Step = 'disks' | 'pass' | 'last' | 'done';

export class MoveCopy {
  private step: Step;
  /** Bytes left of the step under way. */
  private left: number;
  private passBytes = 0;
  private passMs = 0;
  private readonly replay: PrecopyReplay | null;
  /** The last copy (the guest paused) at the share it started with: what a crowded link adds to the downtime. */
  lastCopyMs: number | null = null;
  /** The downtime limit that last copy fit under (a crowded link makes the policy ramp it up). */
  lastLimitMs: number | null = null;
  /** How its memory copy ended: by converging ('precopy'), or by what its policy did to end it. */
  endedBy: 'precopy' | 'downtime-ramp' | 'auto-converge' | 'post-copy' | null = null;
  /** What it sent in all, its disks, every pass and the last copy: a crowded pass lets the guest dirty more. */
  carriedBytes = 0;
  /** The rate its last pass got when its policy had to end the copy: what the plan's warning says (null otherwise). */
  policyRateBps: number | null = null;

  constructor(vm: Vm, diskBytes: number, policy: ConvergencePolicy = defaultConvergencePolicy) {
    // Evacuations and failbacks move with the default policy; post-copy is assumed where the policy allows it.
    this.replay = vm.power === 'running' ? new PrecopyReplay(vm, policy, true) : null;
    this.step = 'disks';
    this.left = diskBytes;
    this.carriedBytes = diskBytes;
  }

  get done(): boolean {
    return this.step === 'done';
  }

  /** Memory passes so far (the last copy counted as the engine counts it, with the pass it ends). */
  get passes(): number {
    return this.replay?.iteration ?? 0;
  }

  get bytesLeft(): number {
    return this.left;
  }

  /** Time until the step under way ends at `bytesPerSecond` (a link without a speed is taken as 1 B/s). */
  msToStepEnd(bytesPerSecond: number): number {
    return (this.left / Math.max(1, bytesPerSecond)) * 1000;
  }

  advance(bytesPerSecond: number, ms: number): void {
    this.left -= (Math.max(1, bytesPerSecond) * ms) / 1000;
    this.passMs += ms;
  }

  /**
   * The step under way is over (its time is up, whatever rounding left of its bytes): on to the
   * next, past any with nothing to send. True when the copy is done.
   */
  endStep(bytesPerSecond: number): boolean {
    do this.nextStep(bytesPerSecond);
    while (this.step !== 'done' && this.left <= 0);
    return this.done;
  }

  private nextStep(bytesPerSecond: number): void {
    if (this.step === 'disks') {
      if (this.replay) this.startPass(this.replay.firstPassBytes);
      else this.step = 'done';
      return;
    }
    if (this.step === 'pass' && this.replay) {
      const end = this.replay.endPass(this.passBytes, this.passMs, bytesPerSecond);
      if (end.kind === 'next-pass') this.startPass(end.bytes);
      else if (end.kind === 'last-copy') {
        [this.step, this.left, this.endedBy] = ['last', end.bytes, end.strategy];
        if (end.strategy === 'auto-converge' || end.strategy === 'post-copy')
          this.policyRateBps = this.passMs > 0 ? (this.passBytes / this.passMs) * 1000 : bytesPerSecond;
        this.carriedBytes += end.bytes;
        this.lastCopyMs = end.strategy === 'post-copy' ? null : (end.bytes / Math.max(1, bytesPerSecond)) * 1000;
        this.lastLimitMs = end.strategy === 'post-copy' ? null : this.replay.limitMs;
      } else this.step = 'done';
      return;
    }
    this.step = 'done';
  }

  private startPass(bytes: number): void {
    this.step = 'pass';
    this.left = bytes;
    this.passBytes = bytes;
    this.passMs = 0;
    this.carriedBytes += bytes;
  }
}
