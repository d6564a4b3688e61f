import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target from the issue; null when the number is reported for information. */
  goal: number | null;
  /** lower: value ≤ goal is good (times); higher: value ≥ goal is good (rates). */
  better: 'lower' | 'higher';
  size: string;
  note?: string;
}

/** smoke: tiny sizes so CI proves each benchmark still runs; full: the sizes the goals are about. */
export const smoke = process.env.BENCH_SIZE === 'smoke';
export const size = (full: number, smokeSize: number): number => (smoke ? smokeSize : full);

const resultsFile = resolve(__dirname, '..', 'bench-results', 'results.jsonl');

export function record(result: Omit<BenchResult, 'size'>): void {
  mkdirSync(join(resultsFile, '..'), { recursive: true });
  appendFileSync(resultsFile, `${JSON.stringify({ ...result, size: smoke ? 'smoke' : 'full' })}\n`);
}

/** Best of `runs` wall-clock measurements, in milliseconds. */
export async function bestOf(runs: number, body: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
