/** How the prechecks word sizes and lists in their messages. */
export const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

export const list = (items: readonly string[]): string =>
  items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', ');

/** A link's speed as networks name it: "10 Gb/s", "2.5 Gb/s", "8 Mb/s". */
function bits(bytesPerSecond: number): string {
  const perSecond = bytesPerSecond * 8;
  return perSecond >= 1e9 ? `${Number((perSecond / 1e9).toFixed(1))} Gb/s` : `${Number((perSecond / 1e6).toFixed(1))} Mb/s`;
}

/** A rate of bytes: "1.6 GiB/s", "20 MiB/s" (0.0 GiB/s said nothing of a slow guest on a slow link). */
export const rate = (bytesPerSecond: number): string =>
  bytesPerSecond >= 1024 ** 3 ? `${gib(bytesPerSecond)}/s` : `${Math.round(bytesPerSecond / 1024 ** 2)} MiB/s`;

/**
 * A guest whose dirty rate nears its link's or passes it. Beside "10 Gb/s" the link is said in
 * GiB/s too: "1.6 GiB/s, about as fast as the 10 Gb/s link" read as a match, yet 10 Gb/s carries
 * 1.2 GiB/s (new-user review). Within a tenth above the link the two are close.
 */
export function dirtyRateWords(vmName: string, dirtyRateBps: number, linkBps: number): string {
  const pace = paceWords(dirtyRateBps, linkBps);
  return `${vmName} dirties memory at ${rate(dirtyRateBps)}, ${pace} the ${bits(linkBps)} link carries it (${rate(linkBps)}).`;
}

/** A guest's dirty rate against what carries its copy: within a tenth above it, the two are close. */
export const paceWords = (dirtyRateBps: number, carriedBps: number): string =>
  dirtyRateBps > carriedBps * 1.1 ? 'faster than' : 'about as fast as';
