import { Box, Paper, Stack, Typography, type SxProps, type Theme } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes, formatDuration, formatRate } from '../../components/format';
import { TaskDetail } from '../../components/TaskDetail';
import { phaseLabels, stateColors, stateLabels, waitText } from '../../components/task-labels';
import { verificationLabel, verificationWords } from '../../components/verification-words';
import { useInventory } from '../../state/inventory-store';
import { useNotify } from '../../state/notices';
import { isActive, useTasks } from '../../state/tasks-store';

const dash = '—';
const cellStyles: SxProps<Theme> = (t) => ({
  '& .state': { px: 1, py: 0.25, borderRadius: 8, fontSize: 12, fontWeight: 500, color: 'common.white', bgcolor: 'grey.600' },
  '& .state-primary': { bgcolor: t.palette.primary.main, color: t.palette.primary.contrastText },
  '& .state-success': { bgcolor: t.palette.success.main, color: t.palette.success.contrastText },
  '& .state-warning': { bgcolor: t.palette.warning.main, color: t.palette.warning.contrastText },
  '& .state-error': { bgcolor: t.palette.error.main, color: t.palette.error.contrastText },
  '& .state-info': { bgcolor: t.palette.info.main, color: t.palette.info.contrastText },
  '& .state-default': { bgcolor: t.palette.grey[500], color: t.palette.getContrastText(t.palette.grey[500]) },
  '& .bar': { display: 'flex', alignItems: 'center', gap: 1, width: '100%', height: '100%' },
  '& .bar .track': { flex: 1, height: 6, borderRadius: 3, bgcolor: t.palette.action.hover, overflow: 'hidden' },
  '& .bar .fill': { display: 'block', height: '100%', bgcolor: t.palette.primary.main },
  '& .bar .value': { fontSize: 12, minWidth: 32, textAlign: 'right' },
  '& .cell-button': {
    font: 'inherit',
    border: 0,
    background: 'none',
    color: t.palette.text.primary,
    cursor: 'pointer',
    borderRadius: 4,
    padding: '2px 6px',
    '&:hover': { bgcolor: t.palette.action.hover },
    '&:focus-visible': { outline: `2px solid ${t.palette.primary.main}` },
  },
  '& .cell-button.cancel': { color: t.palette.warning.dark, fontSize: 13, fontWeight: 600 },
});
const whenRunning = (t: Task, text: string) => (t.state === 'running' ? text : dash);

/** Many concurrent migrations at a glance: a virtualized grid, one row per task, with a detail pane for the one expanded. */
export function TasksView() {
  const { status, error, tasks } = useTasks();
  const inv = useInventory();
  const notify = useNotify();
  const [expanded, setExpanded] = useState<string | null>(null);
  const hostName = (id: string) => inv.hosts.get(id)?.name ?? id;

  const rows = useMemo(
    () => [...tasks.values()].sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || b.createdAt.localeCompare(a.createdAt)),
    [tasks],
  );
  const cancel = (t: Task) =>
    api.invoke('migration.cancel', { taskId: t.id }).then(
      () => notify({ level: 'info', title: `Cancelling ${t.vmName}`, body: 'It rolls back and keeps running on its source.' }),
      (error: unknown) => notify({ level: 'error', title: `Cannot cancel ${t.vmName}`, error }),
    );

  const columns: GridColDef<Task>[] = [
    {
      field: 'expand',
      headerName: '',
      width: 44,
      sortable: false,
      filterable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) => (
        <button
          type="button"
          className="cell-button"
          aria-label={`${expanded === row.id ? 'Hide' : 'Show'} details of ${row.vmName}`}
          aria-expanded={expanded === row.id}
          onClick={() => setExpanded(expanded === row.id ? null : row.id)}
        >
          {expanded === row.id ? '▴' : '▾'}
        </button>
      ),
    },
    { field: 'vmName', headerName: 'VM', width: 150 },
    {
      field: 'actions',
      headerName: '',
      width: 84,
      sortable: false,
      filterable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) =>
        isActive(row) ? (
          <button
            type="button"
            className="cell-button cancel"
            onClick={() => void cancel(row)}
            aria-label={`Cancel migration of ${row.vmName}`}
          >
            Cancel
          </button>
        ) : null,
    },
    {
      field: 'route',
      headerName: 'From → to',
      width: 210,
      valueGetter: (_v, t) =>
        `${t.type === 'storage' ? `${hostName(t.sourceHostId)} (storage)` : `${hostName(t.sourceHostId)} → ${hostName(t.destHostId)}`}${t.cold ? ', cold' : ''}`,
    },
    // Cells use plain elements styled once by the grid's sx: 200 live rows would otherwise pay emotion's styling per cell per update.
    {
      field: 'state',
      headerName: 'State',
      width: 130,
      renderCell: ({ row }) => <span className={`state state-${stateColors[row.state]}`}>{stateLabels[row.state]}</span>,
    },
    {
      field: 'phase',
      headerName: 'Phase',
      width: 150,
      valueGetter: (_v, t) => (t.state === 'queued' ? waitText(t.waitingFor) || 'Queued' : phaseLabels[t.phase]),
    },
    {
      field: 'progress',
      headerName: 'Progress',
      width: 150,
      sortable: false,
      renderCell: ({ row }) => {
        const percent = Math.floor(row.progress.fraction * 100);
        return (
          <span
            className="bar"
            role="progressbar"
            aria-label={`${row.vmName} progress`}
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span className="track">
              <span className="fill" style={{ width: `${percent}%` }} />
            </span>
            <span className="value">{percent}%</span>
          </span>
        );
      },
    },
    { field: 'iteration', headerName: 'Pass', width: 60, valueGetter: (_v, t) => t.progress.iteration },
    {
      field: 'transferred',
      headerName: 'Transferred / remaining',
      width: 180,
      valueGetter: (_v, t) => {
        const sent = formatBytes(t.progress.memoryProcessedBytes + t.progress.diskProcessedBytes);
        if (t.state === 'running') return `${sent} / ${formatBytes(t.progress.memoryRemainingBytes + t.progress.diskRemainingBytes)}`;
        return t.state === 'queued' ? dash : sent;
      },
    },
    {
      field: 'bandwidth',
      headerName: 'Bandwidth',
      width: 110,
      valueGetter: (_v, t) => whenRunning(t, formatRate(t.progress.bandwidthBps)),
    },
    {
      field: 'dirty',
      headerName: 'Dirty rate',
      width: 110,
      valueGetter: (_v, t) =>
        whenRunning(
          t,
          formatRate(t.progress.dirtyRateBps) + (t.progress.throttlePercent ? ` (throttled ${t.progress.throttlePercent}%)` : ''),
        ),
    },
    {
      field: 'eta',
      headerName: 'ETA',
      width: 90,
      valueGetter: (_v, t) => whenRunning(t, t.progress.etaMs === null ? 'not converging' : formatDuration(t.progress.etaMs)),
    },
    {
      field: 'downtime',
      headerName: 'Downtime',
      width: 110,
      valueGetter: (_v, t) =>
        t.progress.downtimeMs !== null
          ? formatDuration(t.progress.downtimeMs)
          : t.progress.expectedDowntimeMs !== null
            ? `~${formatDuration(t.progress.expectedDowntimeMs)}`
            : dash,
    },
    {
      field: 'verification',
      headerName: 'Verified',
      description:
        'How Ferry found the guest alive after the move: guest probe or guest agent (from inside the guest), or running only (weaker)',
      width: 170,
      valueGetter: (_v, t) => verificationLabel(t.outcome?.verification),
      renderCell: ({ row, value }) => {
        const level = row.outcome?.verification;
        return <span title={level ? verificationWords[level].proves : undefined}>{String(value)}</span>;
      },
    },
    { field: 'priority', headerName: 'Priority', width: 80 },
    { field: 'requestedBy', headerName: 'By', width: 130 },
  ];

  if (status === 'error') return <ErrorAlert title="Could not load tasks" error={error} sx={{ m: 2 }} />;
  const expandedTask = expanded ? tasks.get(expanded) : undefined;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1 }}>
      <Box sx={{ flex: 1, minHeight: 200 }}>
        <DataGrid
          aria-label="Migration tasks"
          rows={rows}
          columns={columns}
          loading={status === 'loading'}
          density="compact"
          disableRowSelectionOnClick
          getRowClassName={({ row }) => `task-${row.state}`}
          sx={cellStyles}
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
      {expandedTask && (
        <Paper variant="outlined" sx={{ maxHeight: '45%', overflow: 'auto' }}>
          <TaskDetail task={expandedTask} />
        </Paper>
      )}
    </Box>
  );
}
