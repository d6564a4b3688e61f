import type { Clock, TimerHandle } from './clock';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets promise chains started by a timer run to their next real wait before the next timer fires. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Deterministic time for tests: nothing happens until `advance` moves it. */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(startMs = Date.parse('2026-01-05T09:00:00.000Z')) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting their async work settle. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.earliestDue(target);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.callback();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Moves time forward without firing timers, as a machine asleep does: they fire late at the next advance. */
  suspend(ms: number): void {
    this.current += ms;
  }

  /** Advances in steps until the condition holds; throws if it does not within `limitMs`. */
  async advanceUntil(condition: () => boolean, limitMs = 24 * 3600_000, stepMs = 1000): Promise<void> {
    for (let elapsed = 0; !condition(); elapsed += stepMs) {
      if (elapsed >= limitMs) throw new Error(`condition not met within ${limitMs} ms of virtual time`);
      await this.advance(stepMs);
    }
  }

  private earliestDue(target: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (t.at <= target && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    return best;
  }
}
