import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import { useCallback, useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventorySelector } from '../../state/inventory-store';
import { isActive, useTasks } from '../../state/tasks-store';
import { openTask } from './opened-task';
import { maxPaneHeight, minPaneHeight, usePaneLayout } from './pane-layout';
import { ResizeHandle } from './ResizeHandle';
import { useSortedTasks } from './sorted-tasks';
import { useFittedTaskColumns } from './fitted-task-columns';
import { taskColumns, taskRowClassName, taskRowHeight, taskRowPx } from './task-columns';
import { taskGridStyles } from './task-grid-styles';
import { useCancel } from './use-cancel';
import { isBooleanRecord, usePersistedState } from '../../state/persisted';

/** How many of the latest tasks the pane lists; the Tasks view has them all. */
const recentLimit = 100;
const headerHeight = 32;
const paneHidden = { priority: false };

/**
 * vCenter's Recent Tasks: docked under every view, resizable and collapsible (both remembered), the
 * newest and running migrations first. A click on a row opens that task in the Tasks view.
 */
export function RecentTasksPane({ onOpen }: { onOpen(): void }) {
  const { status, error, tasks, awaiting } = useTasks();
  // Names only: the columns (and so the grid) are not rebuilt at every metrics update.
  const hostNames = useInventorySelector((s) => s.hostNames);
  const cancel = useCancel();
  const { height, collapsed, setHeight, setCollapsed } = usePaneLayout();
  const sorted = useSortedTasks(tasks);
  const rows = useMemo(() => sorted.slice(0, recentLimit), [sorted]);
  const running = sorted.filter((t) => t.state === 'running').length;
  const queued = sorted.filter(isActive).length - running;
  const build = useCallback(
    (routeMinWidth: number) => taskColumns({ hostName: (id) => hostNames.get(id) ?? id, cancel, routeMinWidth }),
    [hostNames, cancel],
  );
  // The pane keeps to what is read at a glance (the Tasks view has the priority); a narrow window hides more, never the VM's name.
  const {
    container: gridParent,
    grid: fittedGrid,
    columns,
  } = useFittedTaskColumns(
    build,
    usePersistedState('recent-tasks.columns', paneHidden, isBooleanRecord),
    rows.reduce((sum, t) => sum + taskRowPx(t), 34),
  );

  return (
    <Box
      component="section"
      aria-label="Recent tasks"
      sx={{ display: 'flex', flexDirection: 'column', flexShrink: 0, height: collapsed ? 'auto' : height, bgcolor: 'background.paper' }}
    >
      {!collapsed && (
        <ResizeHandle
          label="Resize recent tasks"
          height={height}
          min={minPaneHeight}
          max={maxPaneHeight(window.innerHeight)}
          onResize={setHeight}
        />
      )}
      <Stack
        direction="row"
        sx={{ alignItems: 'center', gap: 1, px: 1, minHeight: headerHeight, borderTop: collapsed ? 1 : 0, borderColor: 'divider' }}
      >
        <Typography variant="subtitle2" component="h2">
          Recent tasks
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {running} running, {queued} queued
        </Typography>
        <Tooltip title={collapsed ? 'Show recent tasks' : 'Hide recent tasks'}>
          <IconButton
            size="small"
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} recent tasks`}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
          </IconButton>
        </Tooltip>
      </Stack>
      {!collapsed && (
        <Box ref={gridParent} sx={{ flex: 1, minHeight: 0, px: 1, pb: 0.5, '& .MuiDataGrid-row': { cursor: 'pointer' } }}>
          {status === 'error' ? (
            <ErrorAlert title="Could not load tasks" error={error} />
          ) : (
            <DataGrid
              aria-label="Recent tasks"
              rows={rows}
              columns={columns}
              loading={status === 'loading' || awaiting.size > 0}
              density="compact"
              rowHeight={40}
              getRowHeight={taskRowHeight}
              columnHeaderHeight={34}
              hideFooter
              {...fittedGrid}
              disableRowSelectionOnClick
              onRowClick={({ row }) => {
                openTask(row.id);
                onOpen();
              }}
              getRowClassName={taskRowClassName}
              sx={taskGridStyles}
              slots={{
                noRowsOverlay: () => (
                  <Stack sx={{ height: '100%', alignItems: 'center', justifyContent: 'center' }}>
                    <Typography variant="body2" color="text.secondary">
                      No recent tasks.
                    </Typography>
                  </Stack>
                ),
              }}
            />
          )}
        </Box>
      )}
    </Box>
  );
}
