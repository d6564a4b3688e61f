import TimelineIcon from '@mui/icons-material/Timeline';
import { IconButton, Link, Tooltip } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import type { AuditRecord } from '../../../../shared/model/audit';
import { auditOperationOf, type AuditOperationLink } from '../../../../shared/model/audit-operation';
import { auditActionWords } from '../../../../shared/model/audit-words';
import { formatBytes, formatClock, formatDuration, formatTime } from '../../components/format';
import { outcomeLabel } from '../../components/task-labels';
import { useCellControl, type CellFocus } from '../../components/grid-cell-focus';
import type { AuditScope } from '../../state/audit-focus';
import { operationScope, operationShows, operationWords } from './operation-link';
import { auditErrorText } from './error-text';

/**
 * Least important first (the grid's Columns menu brings any back): at 1440 px the sizes and the details
 * give way (the error too when many rows need a scrollbar); at 1280, beside the inventory, the number, the
 * error and the Timeline too, so that the Operation keeps its place (it was out of sight, new-user review of
 * issue 14); at 1024 all but when, what, which VM and how it ended.
 */
export const auditGiveWay = [
  ['bytesTransferred'],
  ['downtimeMs'],
  ['durationMs'],
  ['details'],
  ['id'],
  ['errorCode'],
  ['taskId'],
  ['operation'],
  ['actor'],
  ['sourceHost', 'destHost'],
];

/**
 * The audit grid's columns. Widths are minimums, the rest shared out: a narrow window hides the columns of auditGiveWay
 * rather than scroll sideways. They count 6 px of padding a side (AuditView, as the task grids) and the widths of
 * the texts in Roboto: at 1280 px beside the inventory, a vertical scrollbar taking 15 px, the columns shown must fit 885 px.
 */
export const auditColumns = (
  openTimeline: (taskId: string | null) => void,
  showOperation: (scope: AuditScope) => void,
): GridColDef<AuditRecord>[] => [
  { field: 'id', headerName: '#', width: 60 },
  {
    field: 'time',
    headerName: 'Time',
    // "Nov 26 17:26:11" whole (109 px): the clock of the Tasks grid, the full date in its title (review 2, F10).
    width: 124,
    renderCell: ({ row }) => <span title={formatTime(row.time)}>{formatClock(row.time)}</span>,
  },
  // Actors are short ("root", an operator's name): the hosts beside need the room more. A longer one ("scheduler (on
  // behalf of alice)") wraps over two lines, the whole in its title.
  {
    field: 'actor',
    headerName: 'Actor',
    flex: 0.6,
    minWidth: 76,
    renderCell: ({ row }) => (
      <span className="two-lines" title={row.actor}>
        {row.actor}
      </span>
    ),
  },
  // In words, as vCenter's Events name theirs ("maintenance.guest-powered-off" read as a code, new-user review 10, 10);
  // the code in the title, as the export and the Action filter keep it.
  {
    field: 'action',
    headerName: 'Action',
    // A larger share of the room than the VM's: "Migration requested" on one line where the window allows.
    flex: 1.3,
    // Words wrap in two lines where a code was cut, the longest ("Guest powered on" / "after its cold move") in 120 px.
    minWidth: 132,
    renderCell: ({ row }) => <span title={row.action}>{auditActionWords[row.action]}</span>,
  },
  // "DC0_C0_H1_VM3" whole (111 px); the large preset's "DC3_C9_H49_VM19" (127 px) wraps rather than be cut where the
  // window is narrowest, as in the task grids: rows are told apart by it.
  {
    field: 'vmName',
    headerName: 'VM',
    flex: 1,
    minWidth: 132,
    renderCell: ({ row }) => (
      <span className="two-lines name" title={row.vmName ?? undefined}>
        {row.vmName}
      </span>
    ),
  },
  {
    field: 'taskId',
    headerName: 'Timeline',
    // An icon (named for assistive technology and in its tooltip): the column then costs the grid little room; its header whole.
    width: 68,
    sortable: false,
    renderCell: ({ row, tabIndex, hasFocus }) =>
      row.taskId && row.action.startsWith('migration.') ? (
        <TimelineButton record={row} openTimeline={openTimeline} focus={{ tabIndex, hasFocus }} />
      ) : null,
  },
  // The maintenance or failback (or batch) a record is part of; one click scopes the trail to it, a maintenance's
  // failback with it (new-user review 10, 10). Derived from the record's details, so the column does not sort.
  {
    field: 'operation',
    headerName: 'Operation',
    flex: 0.6,
    // "Maintenance" / "3f2a9c1e" over two lines.
    minWidth: 92,
    sortable: false,
    valueGetter: (_v, r) => auditOperationOf(r)?.operation ?? '',
    renderCell: ({ row, tabIndex, hasFocus }) => {
      const link = auditOperationOf(row);
      return link ? <OperationLink link={link} showOperation={showOperation} focus={{ tabIndex, hasFocus }} /> : null;
    },
  },
  // A host's name whole ("DC0_C0_H0" was "DC0_C0_…" at 1280 px, new-user review 3), the large preset's "DC3_C9_H49" (84 px) too.
  { field: 'sourceHost', headerName: 'From', flex: 1, minWidth: 100 },
  { field: 'destHost', headerName: 'To', flex: 1, minWidth: 100 },
  // In the task grids' words, whole, in two lines at most ("Completed with" / "problems", styled in AuditView) so that
  // Actor keeps its room: "completed_with_problems" was a code, cut to "complete…" at 1280 px (new-user review 7).
  { field: 'outcome', headerName: 'Outcome', flex: 0.8, minWidth: 112, valueFormatter: (v: string | null) => outcomeLabel(v) },
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
    minWidth: 132,
    sortable: false,
    valueGetter: (_v, r) => auditErrorText(r.errorCode, r.errorMessage),
  },
  { field: 'details', headerName: 'Details', flex: 1.5, minWidth: 152, sortable: false },
];

function TimelineButton({
  record,
  openTimeline,
  focus,
}: {
  record: AuditRecord;
  openTimeline: (taskId: string | null) => void;
  focus: CellFocus;
}) {
  const control = useCellControl<HTMLButtonElement>(focus);
  return (
    <Tooltip title="Timeline">
      <IconButton
        {...control}
        size="small"
        onClick={() => openTimeline(record.taskId)}
        aria-label={`Timeline of the migration of ${record.vmName ?? ''}`}
      >
        <TimelineIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

function OperationLink({
  link,
  showOperation,
  focus,
}: {
  link: AuditOperationLink;
  showOperation: (scope: AuditScope) => void;
  focus: CellFocus;
}) {
  const control = useCellControl<HTMLButtonElement>(focus);
  const words = operationWords(link);
  const shows = `${words}: ${operationShows(link)}`;
  return (
    <Link
      {...control}
      component="button"
      type="button"
      data-testid="audit-operation"
      data-operation={link.operation}
      aria-label={shows}
      title={`${shows} (operation ${link.operation})`}
      onClick={() => showOperation(operationScope(link))}
      sx={{ textAlign: 'left' }}
    >
      {words}
    </Link>
  );
}
