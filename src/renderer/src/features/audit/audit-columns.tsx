import TimelineIcon from '@mui/icons-material/Timeline';
import { IconButton, Tooltip } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import type { AuditRecord } from '../../../../shared/model/audit';
import { formatBytes, formatClock, formatDuration, formatTime } from '../../components/format';
import { outcomeLabel } from '../../components/task-labels';

/**
 * Least important first (the grid's Columns menu brings any back): at 1440 px the sizes and the details
 * give way (the error too when many rows need a scrollbar); at 1024 all but when, what, which VM and how it ended.
 */
export const auditGiveWay = [
  ['bytesTransferred'],
  ['downtimeMs'],
  ['durationMs'],
  ['details'],
  ['id'],
  ['errorCode'],
  ['taskId'],
  ['actor'],
  ['sourceHost', 'destHost'],
];

/** The audit grid's columns. Widths are minimums, the rest shared out: a narrow window hides the columns of auditGiveWay rather than scroll sideways. */
export const auditColumns = (openTimeline: (taskId: string | null) => void): GridColDef<AuditRecord>[] => [
  { field: 'id', headerName: '#', width: 64 },
  {
    field: 'time',
    headerName: 'Time',
    // "Nov 26 17:26:11" whole: the clock of the Tasks grid, the full date in its title (review 2, F10).
    width: 128,
    renderCell: ({ row }) => <span title={formatTime(row.time)}>{formatClock(row.time)}</span>,
  },
  // Actors are short ("root", an operator's name): the hosts beside need the room more.
  { field: 'actor', headerName: 'Actor', flex: 0.6, minWidth: 100 },
  { field: 'action', headerName: 'Action', flex: 1, minWidth: 170 },
  { field: 'vmName', headerName: 'VM', flex: 1, minWidth: 150 },
  {
    field: 'taskId',
    headerName: 'Timeline',
    // An icon (named for assistive technology and in its tooltip): the column then costs the grid little room.
    width: 64,
    sortable: false,
    renderCell: ({ row }) =>
      row.taskId && row.action.startsWith('migration.') ? (
        <Tooltip title="Timeline">
          <IconButton size="small" onClick={() => openTimeline(row.taskId)} aria-label={`Timeline of the migration of ${row.vmName ?? ''}`}>
            <TimelineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      ) : null,
  },
  // A host's name whole ("DC0_C0_H0" was "DC0_C0_…" at 1280 px, new-user review 3), as long as a VM's.
  { field: 'sourceHost', headerName: 'From', flex: 1, minWidth: 112 },
  { field: 'destHost', headerName: 'To', flex: 1, minWidth: 112 },
  // In the task grids' words, whole, in two lines at most ("Completed with" / "problems", styled in AuditView) so that
  // Actor keeps its room: "completed_with_problems" was a code, cut to "complete…" at 1280 px (new-user review 7).
  { field: 'outcome', headerName: 'Outcome', flex: 0.8, minWidth: 128, valueFormatter: (v: string | null) => outcomeLabel(v) },
  { field: 'durationMs', headerName: 'Duration', width: 90, valueFormatter: (v: number | null) => formatDuration(v) },
  { field: 'downtimeMs', headerName: 'Downtime', width: 90, sortable: false, valueFormatter: (v: number | null) => formatDuration(v) },
  {
    field: 'bytesTransferred',
    headerName: 'Transferred',
    width: 100,
    sortable: false,
    valueFormatter: (v: number | null) => (v === null ? '—' : formatBytes(v)),
  },
  {
    field: 'errorCode',
    headerName: 'Error',
    flex: 1,
    minWidth: 140,
    sortable: false,
    valueGetter: (_v, r) => (r.errorCode ? `${r.errorCode}: ${r.errorMessage ?? ''}` : ''),
  },
  { field: 'details', headerName: 'Details', flex: 1.5, minWidth: 160, sortable: false },
];
