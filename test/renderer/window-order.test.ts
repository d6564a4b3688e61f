import { describe, expect, it } from 'vitest';
import { windowOrder } from '../../src/renderer/src/components/window-order';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('the order a scrolled window of rows renders in', () => {
  it('while scrolling, keeps each element in its place: the row at each DOM place moves only when it leaves the window', () => {
    const before = windowOrder(100, 150, true);
    const after = windowOrder(107, 157, true);
    // Each DOM place is keyed by row % size: the key at each place never changes.
    expect(before.map((row) => row % 50)).toEqual(range(0, 50));
    expect(after.map((row) => row % 50)).toEqual(range(0, 50));
    // Only the 7 rows that left are replaced (by the 7 that came), each at the place it left.
    const changed = before.flatMap((row, place) => (after[place] !== row ? [place] : []));
    expect(changed).toHaveLength(7);
    expect(changed.map((place) => [before[place], after[place]])).toEqual(range(100, 107).map((row) => [row, row + 50]));
    expect([...after].sort((a, b) => a - b)).toEqual(range(107, 157));
  });

  it('at rest, in reading order: assistive technology reads rows in the DOM’s order', () => {
    expect(windowOrder(107, 157, false)).toEqual(range(107, 157));
    expect(windowOrder(0, 0, true)).toEqual([]);
  });
});
