/**
 * The order people expect for object names: numbers as numbers (H2 before H10), letters by
 * alphabet. One collator built once: `localeCompare` with options builds one per call, which made
 * sorting 40,000 VM names take a second instead of milliseconds.
 */
export const nameCollator = new Intl.Collator('en', { numeric: true });

export const compareNames = (a: string, b: string): number => nameCollator.compare(a, b);
