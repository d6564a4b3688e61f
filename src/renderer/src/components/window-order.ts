/**
 * The order to render the rows `start`…`end - 1` of a scrolled window in, each keyed by its row
 * modulo the window's size. While the list scrolls, every element keeps its place in the DOM: a row
 * leaving one edge is reused at the other with new content and nothing is moved (a moved element's
 * layout and styles are made anew, garbage whose collection paused frames). At rest, the rows are in
 * reading order, as assistive technology reads the DOM: one reordering per scroll, not per frame.
 */
export function windowOrder(start: number, end: number, scrolling: boolean): number[] {
  const size = end - start;
  if (!scrolling) return Array.from({ length: size }, (_, i) => start + i);
  // The DOM place k holds the row ≡ k (mod size).
  return Array.from({ length: size }, (_, place) => start + ((((place - start) % size) + size) % size));
}
