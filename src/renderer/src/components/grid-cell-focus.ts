import type { GridRenderCellParams } from '@mui/x-data-grid';
import { useLayoutEffect, useRef } from 'react';

/** What a cell's control needs of the grid's focus: the cell's tab index, and whether the grid's focus is on the cell. */
export type CellFocus = Pick<GridRenderCellParams, 'tabIndex' | 'hasFocus'>;

/**
 * A control inside a data grid's cell (a Cancel button, a link) takes part in the grid's roving focus, as MUI X
 * asks of cell content: the grid is one Tab stop, the arrows move between cells, and the control of the cell they
 * reach takes the focus, where Enter or Space presses it. Each row's buttons were Tab stops of their own, tens of
 * them before the next control (new-user review 12, 13). Spread the result on the control.
 */
export function useCellControl<T extends HTMLElement>({ tabIndex, hasFocus }: CellFocus) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    if (hasFocus) ref.current?.focus();
  }, [hasFocus]);
  return { ref, tabIndex };
}
