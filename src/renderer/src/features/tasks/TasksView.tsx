import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import { DataGrid, gridRowsMetaSelector, useGridApiRef, type GridRowSelectionModel } from '@mui/x-data-grid';
import { useCallback, useEffect, useMemo } from 'react';
import { isCancellable } from '../../../../shared/model/cancel-rule';
import type { Task } from '../../../../shared/model/migration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TaskDetail } from '../../components/TaskDetail';
import { useInventorySelector } from '../../state/inventory-store';
import { useTasks } from '../../state/tasks-store';
import { openTask, useOpenedTask } from './opened-task';
import { useSortedTasks } from './sorted-tasks';
import { useFittedTaskColumns } from './fitted-task-columns';
import { detailColumns, hiddenDetailColumns, routeText, taskColumns, taskRowClassName, taskRowHeight, taskRowPx } from './task-columns';
import { scrollTopShowing } from './row-edge-scroll';
import { taskGridStyles } from './task-grid-styles';
import { useCancel } from './use-cancel';
import { isBooleanRecord, usePersistedState } from '../../state/persisted';

/** Many concurrent migrations at a glance: a virtualized grid, one row per task, with a detail pane for the one opened. */
export function TasksView() {
  const { status, error, tasks, awaiting } = useTasks();
  // Names only: the columns (and so the grid) are not rebuilt at every metrics update.
  const hostNames = useInventorySelector((s) => s.hostNames);
  const cancel = useCancel();
  const opened = useOpenedTask();
  const apiRef = useGridApiRef();
  const rows = useSortedTasks(tasks);

  const build = useCallback(
    (routeMinWidth: number) => [
      ...taskColumns({
        hostName: (id) => hostNames.get(id) ?? id,
        cancel,
        routeMinWidth,
        expanded: { id: opened, toggle: (t: Task) => openTask(opened === t.id ? null : t.id) },
      }),
      ...detailColumns,
    ],
    [hostNames, cancel, opened],
  );
  // A narrow window hides the less important columns rather than cut the VM's name (review 2, F2/F9).
  const {
    container: gridParent,
    grid: fittedGrid,
    columns,
  } = useFittedTaskColumns(
    build,
    // The admin's column choices, kept across reloads (review 7, 4).
    usePersistedState('tasks.columns', hiddenDetailColumns, isBooleanRecord),
    // Under its rows the header (40 px) and the pager (52 px) share the grid's height: without the pager a vertical
    // scrollbar went unforeseen and its 15 px scrolled the columns sideways (the inventory hidden at 1024 px).
    rows.reduce((sum, t) => sum + taskRowPx(t), 40 + 52),
  );
  // The opened task's row stays in view: opened from elsewhere (the Recent tasks pane), and again whenever the
  // grid's rows area shrinks under it, its detail pane open (at 1280×800 the row went out of view, new-user review 7).
  // The scroll stops on a row's edge, so the top row never sits half under the column header (new-user review c3).
  // openedIndex: shown again when the row moves, a newer task listed above it.
  const openedIndex = opened ? rows.findIndex((r) => r.id === opened) : -1;
  useEffect(() => {
    const api = apiRef.current;
    if (openedIndex < 0 || !api || !opened) return;
    const show = () => {
      // The grid's own index for the row (its page, its sorting), as the row offsets it keeps are counted.
      const index = api.getRowIndexRelativeToVisibleRows(opened);
      if (index === undefined) return;
      const { positions, currentPageTotalHeight } = gridRowsMetaSelector(apiRef);
      const layout = { positions, totalHeight: currentPageTotalHeight };
      const top = scrollTopShowing(layout, index, api.getScrollPosition().top, api.getRootDimensions().viewportInnerSize.height);
      if (top !== undefined) api.scroll({ top });
    };
    show();
    return api.subscribeEvent('viewportInnerSizeChange', show);
  }, [apiRef, opened, openedIndex]);
  // The opened task is the grid's selection: its row is highlighted and says so (aria-selected).
  const selection = useMemo<GridRowSelectionModel>(() => ({ type: 'include', ids: new Set(opened ? [opened] : []) }), [opened]);

  if (status === 'error') return <ErrorAlert title="Could not load tasks" error={error} sx={{ m: 2 }} />;
  const openedTask = opened ? tasks.get(opened) : undefined;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1 }}>
      <Box ref={gridParent} sx={{ flex: 1, minHeight: 160 }}>
        <DataGrid
          apiRef={apiRef}
          aria-label="Migration tasks"
          rows={rows}
          columns={columns}
          loading={status === 'loading' || awaiting.size > 0}
          density="compact"
          rowHeight={44}
          getRowHeight={taskRowHeight}
          disableRowSelectionOnClick
          rowSelectionModel={selection}
          hideFooterSelectedRowCount
          {...fittedGrid}
          getRowClassName={taskRowClassName}
          sx={taskGridStyles}
          slots={{
            noRowsOverlay: () => (
              <Stack sx={{ height: '100%', alignItems: 'center', justifyContent: 'center' }}>
                <Typography color="text.secondary">
                  No migrations yet. Drag a VM onto a host, or right-click a VM and choose Migrate…
                </Typography>
              </Stack>
            ),
          }}
        />
      </Box>
      {openedTask && (
        <Paper variant="outlined" sx={{ maxHeight: '45%', overflow: 'auto' }}>
          {/* Which task the pane shows, kept in sight as the pane scrolls (its row may be out of view). */}
          <Stack
            direction="row"
            sx={{
              position: 'sticky',
              top: 0,
              zIndex: 1,
              bgcolor: 'background.paper',
              px: 2,
              pt: 1.5,
              pb: 0.5,
              alignItems: 'center',
              gap: 2,
            }}
          >
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 500 }}>
              {openedTask.vmName}: {routeText(openedTask, (id) => hostNames.get(id) ?? id)}
            </Typography>
            <DetailCancel task={openedTask} cancel={cancel} />
          </Stack>
          <TaskDetail task={openedTask} />
        </Paper>
      )}
    </Box>
  );
}

/** Cancel for the task opened, whatever columns the grid shows: a narrow window gives the Cancel column up first. */
function DetailCancel({ task, cancel }: { task: Task; cancel(task: Task): void }) {
  if (task.cancelRequested && (task.state === 'running' || task.state === 'queued'))
    return (
      <Typography variant="body2" color="text.secondary">
        Cancelling…
      </Typography>
    );
  if (!isCancellable(task)) return null;
  return (
    <Button size="small" color="warning" variant="outlined" onClick={() => cancel(task)}>
      Cancel this migration
    </Button>
  );
}
