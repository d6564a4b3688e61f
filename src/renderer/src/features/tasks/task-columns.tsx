import type { GridColDef, GridRowHeightParams } from '@mui/x-data-grid';
import { isCancellable } from '../../../../shared/model/cancel-rule';
import type { Task } from '../../../../shared/model/migration';
import { formatBytes, formatClock, formatRate, formatTime } from '../../components/format';
import { stateColors, stateLabel, waitText } from '../../components/task-labels';
import { verificationLabel, verificationWords } from '../../components/verification-words';
import { visuallyHidden } from '../../components/visually-hidden';
import { downtimeText, downtimeTitle } from '../../components/downtime-words';
import { convergenceNote, etaText, noWayBackWords, phaseText } from './convergence-note';
import { QueuedEta } from './QueuedEta';
import { progressPercent } from './progress-percent';
import { cancellingWords } from './cancelling-words';
import { InitiatorCell } from './InitiatorCell';
import { useCellControl, type CellFocus } from '../../components/grid-cell-focus';

const dash = '—';

/**
 * A narrow column's header keeps its words: its menu button, shown on hover, took their room ("Pro…", "Dow…" in
 * Recent tasks at 1280 px, new-user review 9, 3). Any other header's menu (the VM's, the route's, the State's) hides or shows the column.
 */
const headerWithoutMenu = { disableColumnMenu: true } as const;
const whenRunning = (t: Task, text: string) => (t.state === 'running' ? text : dash);

export interface TaskColumnOptions {
  hostName(id: string): string;
  /** The route's least width: on one line where the window allows it, else in two (fitted-task-columns). */
  routeMinWidth: number;
  cancel(task: Task): void;
  /** The full view: the VM cell toggles the detail pane; the pane opens the task in the full view instead. */
  expanded?: { id: string | null; toggle(task: Task): void };
}

/** Cancel only while the engine would accept it (the shared rule); after a cancel was asked for, say so instead. */
function CancelCell({ task, cancel, focus }: { task: Task; cancel(task: Task): void; focus: CellFocus }) {
  if (task.cancelRequested && (task.state === 'running' || task.state === 'queued')) return <span className="cancelling">Cancelling…</span>;
  if (!isCancellable(task)) return null;
  return <CancelButton task={task} cancel={cancel} focus={focus} />;
}

function CancelButton({ task, cancel, focus }: { task: Task; cancel(task: Task): void; focus: CellFocus }) {
  const control = useCellControl<HTMLButtonElement>(focus);
  return (
    <button
      {...control}
      type="button"
      className="cell-button cancel"
      onClick={(e) => {
        e.stopPropagation();
        cancel(task);
      }}
      aria-label={`Cancel migration of ${task.vmName}`}
    >
      Cancel
    </button>
  );
}

/** The full view's VM cell: it opens and closes the task's detail pane. */
function ExpandButton({ task, expanded, focus }: { task: Task; expanded: NonNullable<TaskColumnOptions['expanded']>; focus: CellFocus }) {
  const control = useCellControl<HTMLButtonElement>(focus);
  const open = expanded.id === task.id;
  return (
    <button
      {...control}
      type="button"
      className="cell-button name-text"
      aria-label={`${open ? 'Hide' : 'Show'} details of ${task.vmName}`}
      aria-expanded={open}
      title={task.vmName}
      onClick={(e) => {
        e.stopPropagation();
        expanded.toggle(task);
      }}
    >
      {open ? '▴' : '▾'} {task.vmName}
    </button>
  );
}

/**
 * The state, then what the run is doing (or, queued, why it waits), then how the policy helps a struggling
 * copy, as one text that wraps over up to three lines when the column is narrow ("Running Copying" /
 * "memory, pass 1"): cut, it would not say what happens. Every word is in the cell's title too, a wait
 * reason whole with its figures.
 */
function StateCell({ task, hostName }: { task: Task; hostName(id: string): string }) {
  const cancelling = cancellingWords(task, hostName);
  if (cancelling)
    return (
      <span className="state-text" title={cancelling.title}>
        <span className="state state-warning">Cancelling</span>
        <span className="phase"> {cancelling.phase}</span>
      </span>
    );
  const phase = phaseText(task);
  const note = convergenceNote(task);
  const label = stateLabel(task);
  const why = waitText(task.waitingFor);
  const words = [label, task.state === 'queued' && why ? why : phase, note && task.switchedOver ? `${note}. ${noWayBackWords}` : note]
    .concat(task.state === 'running' && why ? [why] : [])
    .filter(Boolean)
    .join(' · ');
  return (
    <span className="state-text" title={words}>
      <span className={`state state-${stateColors[task.state]}`}>{label}</span>
      {phase && <span className="phase"> {phase}</span>}
      {note && <span className="note"> · {note}</span>}
    </span>
  );
}

function ProgressCell({ task }: { task: Task }) {
  const percent = progressPercent(task);
  if (percent === null) return <span title="Rolled back: nothing moved">{dash}</span>;
  return (
    <span
      className="bar"
      role="progressbar"
      aria-label={`${task.vmName} progress`}
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
}

/** "H0 → H2", with how it moves when that is not memory alone: ", cold" (powered off), ", with its disk" (shared-nothing). */
export function routeText(t: Task, hostName: (id: string) => string): string {
  if (t.type === 'storage') return `${hostName(t.sourceHostId)} (storage)`;
  const how = [t.cold ? 'cold' : null, t.type === 'both' ? 'with its disk' : null].filter(Boolean).join(', ');
  return `${hostName(t.sourceHostId)} → ${hostName(t.destHostId)}${how ? `, ${how}` : ''}`;
}

/**
 * The columns both task grids share, most important first: VM, from → to, state (with phase and,
 * while a copy struggles, what the policy does), progress, ETA, downtime, start, end, priority,
 * initiator, Cancel. Widths flex so that they fit without scrolling sideways.
 */
export function taskColumns(o: TaskColumnOptions): GridColDef<Task>[] {
  const expanded = o.expanded;
  return [
    {
      field: 'vmName',
      headerName: 'VM',
      // The identifying column: its minimum holds "▾ DC0_C0_H0_VM5" on a line; a longer name wraps over two rather than be cut
      // ("DC0_C0_H0_V…" on the large preset at 1024 px, new-user review 8, m3); narrower windows hide other columns first.
      flex: 0.65,
      minWidth: 144,
      renderCell: expanded
        ? ({ row, tabIndex, hasFocus }) => <ExpandButton task={row} expanded={expanded} focus={{ tabIndex, hasFocus }} />
        : ({ row }) => (
            <span className="name-text" title={row.vmName}>
              {row.vmName}
            </span>
          ),
    },
    {
      field: 'route',
      headerName: 'From → to',
      // The destination is what the admin looks for: this column gets the most room. Narrow, the route wraps over two
      // lines ("DC3_C9_H49 →" / "DC3_C9_H48") rather than take ETA's and Downtime's room at 1024 px (new-user review 7, 4).
      flex: 1.25,
      minWidth: o.routeMinWidth,
      valueGetter: (_v, t) => routeText(t, o.hostName),
      renderCell: ({ value }) => (
        <span className="route-text" title={String(value)}>
          {String(value)}
        </span>
      ),
    },
    // The longest states read whole in two lines: "Running Reserving" / "destination", "Completed with" / "problems";
    // a wait reason in three ("Queued behind a" / "high-priority move"); a narrow window hides less important columns instead (new-user review, 2).
    {
      field: 'state',
      headerName: 'State',
      flex: 1.15,
      minWidth: 146,
      renderCell: ({ row }) => <StateCell task={row} hostName={o.hostName} />,
    },
    // Its header whole; the bar beside "100%" takes what room there is.
    {
      field: 'progress',
      headerName: 'Progress',
      flex: 0.3,
      minWidth: 70,
      sortable: false,
      ...headerWithoutMenu,
      renderCell: ({ row }) => <ProgressCell task={row} />,
    },
    {
      field: 'eta',
      headerName: 'ETA',
      description: 'Time left for the whole migration: the prediction, corrected by the measured progress',
      // "13 min 20 s" whole.
      width: 84,
      sortable: false,
      valueGetter: (_v, t) => etaText(t),
      renderCell: ({ row, value }) => (row.state === 'queued' ? <QueuedEta task={row} /> : (value as string)),
    },
    {
      field: 'downtime',
      headerName: 'Downtime',
      description: 'The pause at switchover; ~ while expected',
      // "≤ 300 ms" whole in the fonts a Linux desktop falls back to (76 px cut it by a pixel).
      width: 84,
      sortable: false,
      ...headerWithoutMenu,
      valueGetter: (_v, t) => downtimeText(t),
      renderCell: ({ row, value }) => <span title={downtimeTitle(row)}>{value as string}</span>,
    },
    {
      field: 'startedAt',
      headerName: 'Start',
      width: 72,
      valueGetter: (_v, t) => t.startedAt ?? t.createdAt,
      renderCell: ({ row }) => (
        // A move that never started has no start: its request time is in the title.
        <span title={row.startedAt ? formatTime(row.startedAt) : `Requested ${formatTime(row.createdAt)}, not started`}>
          {formatClock(row.startedAt)}
        </span>
      ),
    },
    {
      field: 'finishedAt',
      headerName: 'End',
      width: 72,
      renderCell: ({ row }) => <span title={row.finishedAt ? formatTime(row.finishedAt) : undefined}>{formatClock(row.finishedAt)}</span>,
    },
    { field: 'priority', headerName: 'Priority', width: 64, valueFormatter: (v: string) => v[0]?.toUpperCase() + v.slice(1) },
    {
      field: 'requestedBy',
      headerName: 'Initiator',
      // One word and an icon ("Maintenance" the longest), the full words in its title.
      width: 112,
      renderCell: ({ value }) => <InitiatorCell requestedBy={String(value)} />,
    },
    {
      field: 'actions',
      // Named for the Manage columns menu and screen readers (it listed a raw "actions", new-user review 7);
      // on screen the header stays empty: the Cancel buttons say what the column is.
      headerName: 'Cancel',
      renderHeader: () => <span style={visuallyHidden}>Cancel</span>,
      // "Cancel" whole, with the cell's padding.
      width: 72,
      sortable: false,
      resizable: false,
      filterable: false,
      disableColumnMenu: true,
      renderCell: ({ row, tabIndex, hasFocus }) => <CancelCell task={row} cancel={o.cancel} focus={{ tabIndex, hasFocus }} />,
    },
  ];
}

/**
 * How many lines of 13 px a row gives its State and route at the narrowest widths: two ("Running" / "Copying
 * memory, pass 1", or a long VM name); three for a queued move's wait reason or a route that says how it moves
 * ("DC0_C0_H1 →" / "DC0_C0_H3," / "cold"); five for a struggling copy, whose policy words ("limit 1 s · throttled
 * 20% · post-copy · no way back") were cut after two (new-user review 9, 1). Cut, a state would not say what happens.
 */
export function taskRowLines(task: Task): 2 | 3 | 5 {
  if (convergenceNote(task)) return 5;
  if (task.state === 'queued' && task.waitingFor) return 3;
  return task.cold || task.type === 'both' ? 3 : 2;
}

/**
 * A row's height: its lines with room above and below, where the compact rows (31 and 28 px) left a wrapped state
 * touching the borders (new-user review 8, c2/m3).
 */
export const taskRowPx = (task: Task): number => taskRowLines(task) * 13 + 10;

export const taskRowHeight = ({ model }: GridRowHeightParams): number => taskRowPx(model as Task);

/** The row's classes: its state, and how many lines its cells may wrap over (task-grid-styles clamps them). */
export const taskRowClassName = ({ row }: { row: Task }): string => `task-${row.state} task-lines-${taskRowLines(row)}`;

/** What the full view shows besides, hidden until asked for (the column menu), also in each task's detail. */
export const detailColumns: GridColDef<Task>[] = [
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
  { field: 'bandwidth', headerName: 'Bandwidth', width: 110, valueGetter: (_v, t) => whenRunning(t, formatRate(t.progress.bandwidthBps)) },
  {
    field: 'dirty',
    headerName: 'Dirty rate',
    width: 110,
    valueGetter: (_v, t) => (t.cold ? dash : whenRunning(t, formatRate(t.progress.dirtyRateBps))),
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
];

export const hiddenDetailColumns = Object.fromEntries(detailColumns.map((c) => [c.field, false]));
