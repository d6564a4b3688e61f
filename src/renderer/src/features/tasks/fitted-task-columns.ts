import type { GridColDef, GridColumnVisibilityModel } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { fittedVisibility, useFittedColumns } from '../../components/use-fitted-columns';

/**
 * Which columns give way, least important first, when a narrow window cannot fit them all: one order for the Recent
 * tasks pane and the Tasks view. The VM, its route and state keep their room (the rows are told apart by them); after
 * them the "progress, ETA, downtime, start, end and initiator first". Cancel gives way before those: the
 * Tasks view, beside the inventory, so shows Start, End and Initiator at 1280 px as the pane does (new-user review of
 * issue 14, 8), and its detail pane offers Cancel for the task opened (as vCenter's task console does), while a click
 * on a row of the pane opens it there. The columns menu brings any back.
 */
export const taskColumnsGiveWay = [
  ['priority'],
  ['actions'],
  ['finishedAt'],
  ['startedAt'],
  ['requestedBy'],
  ['downtime'],
  ['eta'],
  ['progress'],
];

/** "DC0_C0_H0 → DC0_C0_H2" on one line, as the grids showed it before a narrow window made it wrap. */
const routeOneLine = 188;
/** "DC3_C9_H49 →" / "DC3_C9_H48": the route over two lines. */
const routeTwoLines = 96;
/** Priority gives way before the route wraps; every other column after (it wraps rather than hide Start, End or Initiator). */
const beforeRouteWraps = 1;

/**
 * A task grid's columns fitted to its width: Priority gives way first, then the route wraps over two
 * lines, and only then do the others give way, in taskColumnsGiveWay's order. At 1024 px the Tasks view
 * so shows ETA and Downtime (new-user review 7, 4), at 1280 px Start, End and Initiator too, while the
 * Recent tasks pane, as wide as the window, keeps its routes on one line from about 1070 px.
 * `build` makes the columns for a route's least width (stable).
 */
export function useFittedTaskColumns(
  build: (routeMinWidth: number) => GridColDef<Task>[],
  choice: [GridColumnVisibilityModel, (chosen: GridColumnVisibilityModel) => void],
  rowsHeight: number,
) {
  const [oneLine, setOneLine] = useState(true);
  const columns = useMemo(() => build(oneLine ? routeOneLine : routeTwoLines), [build, oneLine]);
  const fitted = useFittedColumns(columns, taskColumnsGiveWay, choice, rowsHeight);
  const { width, scrolls } = fitted.fittedTo;
  const wide = useMemo(() => (oneLine ? columns : build(routeOneLine)), [oneLine, columns, build]);
  // With the route on one line, would anything past Priority have to give way? Then the route wraps instead.
  const [chosen] = choice;
  const roomy = useMemo(() => {
    const model = fittedVisibility(wide as readonly GridColDef[], width, taskColumnsGiveWay, chosen, scrolls);
    return taskColumnsGiveWay
      .slice(beforeRouteWraps)
      .flat()
      .every((field) => model[field] !== false || chosen[field] === false);
  }, [wide, width, chosen, scrolls]);
  // Before the first measure (width 0) everything fits: the one-line route until the width is known.
  if (roomy !== oneLine) setOneLine(roomy);
  return { ...fitted, columns };
}
