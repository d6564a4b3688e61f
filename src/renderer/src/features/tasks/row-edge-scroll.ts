/** The grid's rows as it lays them out: each row's top offset (`positions`, in order) and the rows' whole height. */
export interface RowsLayout {
  positions: readonly number[];
  totalHeight: number;
}

/**
 * Where the rows should scroll so that one row shows whole, or undefined when it already does (the admin's own
 * scroll is kept). Unlike the grid's scrollToIndexes, a row below the rows shown is brought up until the
 * topmost row starts at its top edge, not just until its own bottom shows: that left the rows' area starting
 * mid-row, the top row half under the column header (new-user review c3, at 1024×768 beside a task's details).
 * Past the last rows the browser stops the scroll short of an edge; nothing short of extra room there avoids it.
 */
export function scrollTopShowing(layout: RowsLayout, index: number, scrollTop: number, viewportHeight: number): number | undefined {
  const { positions, totalHeight } = layout;
  const top = positions[index];
  if (top === undefined) return undefined;
  const bottom = positions[index + 1] ?? totalHeight;
  // A row taller than the area, or above it: its top at the area's top, a row's edge already.
  if (top < scrollTop || bottom - top > viewportHeight) return top;
  if (bottom <= scrollTop + viewportHeight) return undefined;
  // The least scroll that bares the row's bottom, rounded up to the next row's edge (never past the row's own top).
  const least = bottom - viewportHeight;
  return positions.find((edge) => edge >= least && edge <= top) ?? top;
}
