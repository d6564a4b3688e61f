const DAY = 24 * 3600_000;

interface Period {
  day: number;
  peakHeapMiB: number;
  peakRssMiB: number;
}

/**
 * Memory per simulated day (or per third of a run shorter than three days): the peak of the heap
 * after a full collection (what is kept, not what is yet to be collected) and of the RSS.
 */
export class MemoryWatch {
  private readonly byPeriod = new Map<number, Period>();
  private readonly periodMs: number;

  constructor(
    private readonly startMs: number,
    days: number,
  ) {
    this.periodMs = days >= 3 ? DAY : (days * DAY) / 3;
  }

  sample(nowMs: number): void {
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    const day = Math.floor((nowMs - this.startMs) / this.periodMs) + 1;
    const p = this.byPeriod.get(day) ?? { day, peakHeapMiB: 0, peakRssMiB: 0 };
    p.peakHeapMiB = Math.max(p.peakHeapMiB, Math.round(heapUsed / 2 ** 20));
    p.peakRssMiB = Math.max(p.peakRssMiB, Math.round(rss / 2 ** 20));
    this.byPeriod.set(day, p);
  }

  periods(): Period[] {
    return [...this.byPeriod.values()].sort((a, b) => a.day - b.day);
  }

  /** The last period's peak over the second's: flat is ≤ 1.1. */
  ratio(): { heap: number; rss: number } {
    const all = this.periods();
    const second = all[1];
    const last = all.at(-1);
    if (!second || !last || last === second) return { heap: Number.NaN, rss: Number.NaN };
    const round = (x: number): number => Math.round(x * 1000) / 1000;
    return { heap: round(last.peakHeapMiB / second.peakHeapMiB), rss: round(last.peakRssMiB / second.peakRssMiB) };
  }
}
