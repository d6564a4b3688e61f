/**
 * The order to render the rows `start`…`end - 1` of a scrolled window in, each keyed by its row
 * modulo `capacity` (the most rows the window holds). While the list scrolls, every element keeps its
 * place in the DOM: a row leaving one edge is reused at the other with new content and nothing is
 * moved (a moved element's layout and styles are made anew, garbage whose collection paused frames),
 * also where the window shrinks at the list's ends. At rest, the rows are in reading order, as
 * assistive technology reads the DOM: one reordering per scroll, not per frame.
 */
export function windowOrder(start: number, end: number, scrolling: boolean, capacity = end - start): number[] {
  const rows = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
  // The DOM place of a row is its key, row % capacity.
  return scrolling ? rows.sort((a, b) => (a % capacity) - (b % capacity)) : rows;
}
