/**
 * A duration as every view and message writes it ("731 ms", "42 s", "1 min 39 s", "2 h 5 min"): main's words
 * (a recommendation's Why) and the renderer's figures (its Cost) read alike (new-user review 9, 5).
 */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
