/**
 * The seed and size of a fuzz run: FERRY_FUZZ_SEED replays a run exactly (a fresh seed without it or with `random`,
 * printed first so any failure can be replayed); FERRY_FUZZ_RUNS sets the calls per command.
 */
export function fuzzSettings(defaultRuns: number): { seed: number; runs: number } {
  const seedText = process.env.FERRY_FUZZ_SEED;
  const runsText = process.env.FERRY_FUZZ_RUNS;
  const seed = seedText && seedText !== 'random' ? Number(seedText) : Math.floor(Math.random() * 2 ** 31);
  const runs = runsText ? Number(runsText) : defaultRuns;
  if (!Number.isSafeInteger(seed)) throw new Error(`FERRY_FUZZ_SEED must be an integer, not ${seedText}`);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`FERRY_FUZZ_RUNS must be a positive integer, not ${runsText}`);
  return { seed, runs };
}

/** A seed per command and chunk, derived from the run's seed, so one command's payloads do not shift when another's change. */
export function derivedSeed(seed: number, ...parts: (string | number)[]): number {
  let hash = seed >>> 0;
  for (const ch of parts.join('/')) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/** A payload as text for a report: undefined, NaN, Infinity, -0 and bigints shown, long strings cut. */
export function describePayload(value: unknown, limit = 400): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return '<undefined>';
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${v}>`;
    if (Object.is(v, -0)) return '<-0>';
    if (typeof v === 'bigint') return `<${v}n>`;
    if (typeof v === 'string' && v.length > 120) return `${v.slice(0, 60)}…<${v.length} chars>`;
    if (v instanceof Map || v instanceof Set) return `<${v.constructor.name}>`;
    return v;
  });
  const shown = text ?? String(value);
  return shown.length > limit ? `${shown.slice(0, limit)}…` : shown;
}
