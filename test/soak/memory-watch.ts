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

  private readonly days: number;

  constructor(
    private readonly startMs: number,
    days: number,
  ) {
    this.days = days;
    this.periodMs = days >= 3 ? DAY : (days * DAY) / 3;
  }

  sample(nowMs: number): void {
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    // A short run is cut in thirds; what comes after its planned end (a sleep, the drain) is its last third.
    const period = Math.floor((nowMs - this.startMs) / this.periodMs) + 1;
    const day = this.days >= 3 ? period : Math.min(3, period);
    const p = this.byPeriod.get(day) ?? { day, peakHeapMiB: 0, peakRssMiB: 0 };
    p.peakHeapMiB = Math.max(p.peakHeapMiB, Math.round(heapUsed / 2 ** 20));
    p.peakRssMiB = Math.max(p.peakRssMiB, Math.round(rss / 2 ** 20));
    this.byPeriod.set(day, p);
  }

  periods(): Period[] {
    return [...this.byPeriod.values()].sort((a, b) => a.day - b.day);
  }

  /**
   * Flat: the last day's peak heap within 10 % of the second day's (the issue's rule, for a run of
   * days). A short run's heap is a few tens of MiB, where what the run keeps on purpose (its tasks'
   * history) moves it by several MiB; there a growth under 8 MiB also counts as flat.
   */
  flat(): boolean {
    const all = this.periods();
    const second = all[1];
    const last = all.at(-1);
    if (!second || !last) return false;
    const grown = last.peakHeapMiB - second.peakHeapMiB;
    return last.peakHeapMiB <= second.peakHeapMiB * 1.1 || (this.days < 3 && grown < 8);
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
