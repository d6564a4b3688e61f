import type { Clock, TimerHandle } from '../../base/clock/clock';
import type { SimState } from './state';
import type { SimStateStore } from './store';

/** Writes the simulated datacenter a moment after it changes (once for a burst of changes), and last at close. */
export class StateSaver {
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly store: SimStateStore | undefined,
    private readonly state: () => SimState,
    private readonly clock: Clock,
    private readonly delayMs: number,
  ) {}

  soon(): void {
    if (!this.store || this.timer || this.closed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.store?.save(this.state());
    }, this.delayMs);
  }

  /** The last write: nothing is written after it. */
  close(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.closed = true;
    this.store?.save(this.state());
  }
}
