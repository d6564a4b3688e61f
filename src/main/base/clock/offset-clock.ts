import type { Clock, TimerHandle } from './clock';

/** A clock a fixed time ahead of its base: a simulated world resuming where it stopped. */
export class OffsetClock implements Clock {
  constructor(
    private readonly base: Clock,
    private readonly aheadMs: number,
  ) {}

  now(): number {
    return this.base.now() + this.aheadMs;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.base.setTimeout(callback, delayMs);
  }

  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }
}
