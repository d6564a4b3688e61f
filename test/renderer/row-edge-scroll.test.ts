import { describe, expect, it } from 'vitest';
import { scrollTopShowing } from '../../src/renderer/src/features/tasks/row-edge-scroll';

// Three queued rows of 48 px, then three running ones of 36: the Tasks view's rows in review c3; 122 px of rows shown.
const layout = { positions: [0, 48, 96, 144, 180, 216], totalHeight: 252 };
const area = 122;

describe('scrollTopShowing: the opened task row brought into view, stopping on a row edge (review c3)', () => {
  it('leaves the scroll alone when the row already shows whole', () => {
    expect(scrollTopShowing(layout, 1, 0, area)).toBeUndefined();
    expect(scrollTopShowing(layout, 3, 96, area)).toBeUndefined();
  });

  it('brings a row below up until the top row starts at its edge, not just until its bottom shows', () => {
    // Row 4 ends at 216: the least scroll is 94, the next edge 96.
    expect(scrollTopShowing(layout, 4, 0, area)).toBe(96);
    // Row 2 ends at 144: the least scroll is 22, the next edge 48.
    expect(scrollTopShowing(layout, 2, 0, area)).toBe(48);
  });

  it("puts a row above at the area's top", () => {
    expect(scrollTopShowing(layout, 1, 60, area)).toBe(48);
  });

  it("puts a row taller than the area at the area's top, and gives up on a row the grid does not lay out", () => {
    expect(scrollTopShowing(layout, 2, 0, 40)).toBe(96);
    expect(scrollTopShowing(layout, 9, 0, area)).toBeUndefined();
  });

  it('never scrolls past the row itself when no earlier edge bares its bottom', () => {
    // Row 5 ends at 252 in a 30 px area: only its own top edge shows it.
    expect(scrollTopShowing(layout, 5, 0, 36)).toBe(216);
  });
});
