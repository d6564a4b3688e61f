import type { Clock, TimerHandle } from './clock';

/**
 * A clock that runs `speed` times faster than its base, so the simulated datacenter can compress a
 * 20-minute evacuation into a demo. Changing the speed re-anchors it; time never jumps backwards.
 */
export class ScaledClock implements Clock {
  private anchorBase: number;
  private anchorScaled: number;

  constructor(
    private readonly base: Clock,
    private speed = 1,
  ) {
    this.anchorBase = base.now();
    this.anchorScaled = this.anchorBase;
  }

  now(): number {
    return this.anchorScaled + (this.base.now() - this.anchorBase) * this.speed;
  }

  setSpeed(speed: number): void {
    this.anchorScaled = this.now();
    this.anchorBase = this.base.now();
    this.speed = speed;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.base.setTimeout(callback, delayMs / this.speed);
  }

  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }
}
