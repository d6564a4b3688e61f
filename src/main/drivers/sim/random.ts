/** mulberry32: a tiny seeded PRNG, so presets and fault probabilities repeat run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (random: () => number, min: number, max: number): number => min + random() * (max - min);

/** A random id in UUID form from the seeded generator. */
const hexDigits = '0123456789abcdef';

export function seededUuid(random: () => number): string {
  // The same 32 draws as ever (a preset's later values depend on them), without an array per id:
  // the large preset makes 40,000 of these at each start.
  let hex = '';
  for (let i = 0; i < 32; i++) hex += hexDigits[Math.floor(random() * 16)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
