import type { GridColDef, GridColumnVisibilityModel, GridValidRowModel } from '@mui/x-data-grid';
import { useLayoutEffect, useMemo, useState } from 'react';

/** The inner size an element has, followed as the window (or a pane beside it) changes; 0 before layout. */
export function useSize(node: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    if (!node) return;
    const observer = new ResizeObserver(() => {
      const style = getComputedStyle(node);
      const width = node.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const height = node.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      setSize((was) => (was.width === width && was.height === height ? was : { width, height }));
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [node]);
  return size;
}

// A vertical scrollbar may take this much of the rows' width (0 where scrollbars overlay the content).
let scrollbar: number | null = null;
function scrollbarWidth(): number {
  if (scrollbar === null) {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;top:-999px;width:100px;height:100px;overflow:scroll';
    document.body.appendChild(probe);
    scrollbar = probe.offsetWidth - probe.clientWidth;
    probe.remove();
  }
  return scrollbar;
}

/** What a column needs at least: a flexible one its minimum, a fixed one its width (MUI's defaults). */
const needs = (c: GridColDef): number => (c.flex ? (c.minWidth ?? 50) : (c.width ?? 100));

/**
 * The columns hidden so that the rest fit the grid's width without scrolling sideways: the groups of
 * `giveWay` in order (least important first) until the others' widths fit. A column the admin shows
 * from the grid's menu stays, whatever it costs.
 */
export function fittedVisibility(
  columns: readonly GridColDef[],
  width: number,
  giveWay: readonly (readonly string[])[],
  chosen: GridColumnVisibilityModel,
  scrolls: boolean,
): GridColumnVisibilityModel {
  const model: GridColumnVisibilityModel = { ...chosen };
  // Borders of the grid, and the scrollbar when the rows are taller than the grid.
  const room = width - 2 - (scrolls ? scrollbarWidth() : 0);
  let total = columns.filter((c) => model[c.field] !== false).reduce((sum, c) => sum + needs(c), 0);
  for (const group of giveWay) {
    if (width === 0 || total <= room) break;
    for (const field of group) {
      const column = columns.find((c) => c.field === field);
      if (!column || model[field] === false || chosen[field] === true) continue;
      model[field] = false;
      total -= needs(column);
    }
  }
  return model;
}

/**
 * A DataGrid's column visibility fitted to its container (`container` is the ref of the grid's
 * parent): props to spread on the grid. `choice` holds the admin's own choices in the columns menu
 * (the caller keeps them, across reloads), kept on top of the fitting.
 * `rowsHeight` (rows and header, in pixels) tells whether a vertical scrollbar takes some width.
 */
export function useFittedColumns<R extends GridValidRowModel>(
  columns: readonly GridColDef<R>[],
  giveWay: readonly (readonly string[])[],
  choice: [GridColumnVisibilityModel, (chosen: GridColumnVisibilityModel) => void],
  rowsHeight: number,
) {
  const [parent, container] = useState<HTMLDivElement | null>(null);
  const { width, height } = useSize(parent);
  const [chosen, setChosen] = choice;
  const scrolls = rowsHeight > height;
  const columnVisibilityModel = useMemo(
    () => fittedVisibility(columns as readonly GridColDef[], width, giveWay, chosen, scrolls),
    [columns, width, giveWay, chosen, scrolls],
  );
  return {
    container,
    // What the fitting was worked out for, for a caller that lays its columns out by it too.
    fittedTo: { width, scrolls },
    grid: {
      columnVisibilityModel,
      onColumnVisibilityModelChange: (next: GridColumnVisibilityModel) => {
        // What the admin changed, against what was shown: a column shown from the menu is pinned shown.
        const kept = { ...chosen };
        for (const [field, visible] of Object.entries(next))
          if (visible !== (columnVisibilityModel[field] !== false)) kept[field] = visible;
        for (const c of columns) if (!(c.field in next) && columnVisibilityModel[c.field] === false) kept[c.field] = true;
        setChosen(kept);
      },
    },
  };
}
