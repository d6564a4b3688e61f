import { Alert, AlertTitle, Snackbar, type SnackbarProps } from '@mui/material';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { Notice } from '../../../shared/api/app';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useDialogCover, type DialogCover } from './dialog-cover';

/** What the renderer says itself: a message, or a failure it caught, which ErrorAlert explains by its code. */
type NoticeInput = (Omit<Notice, 'taskId'> & { taskId?: string | null }) | { level: 'error'; title: string; error: unknown };
type Queued = NoticeInput & { key: number; count: number };

const severity = ['success', 'info', 'warning', 'error'] as const;

/** Notices waiting behind the one shown fold into one summary, so 200 finished migrations do not queue 200 snackbars. */
function enqueue(queue: Queued[], notice: Notice): Queued[] {
  const next: Queued = { ...notice, key: Date.now() + Math.random(), count: 1 };
  if (queue.length < 2) return [...queue, next];
  const [shown, waiting] = queue as [Queued, Queued];
  const count = waiting.count + 1;
  const level = severity[Math.max(severity.indexOf(waiting.level), severity.indexOf(notice.level))] ?? 'info';
  return [
    shown,
    { ...next, level, count, title: `${count} more updates`, body: `Latest: ${notice.title}. The Tasks and Audit views have them all.` },
  ];
}
const NoticeContext = createContext<(notice: NoticeInput) => void>(() => undefined);
export const useNotify = () => useContext(NoticeContext);

interface Shown {
  current: Queued | undefined;
  waiting: number;
  close(): void;
}
const ShownContext = createContext<Shown>({ current: undefined, waiting: 0, close: () => undefined });

/**
 * In-app snackbars. Migration results arrive as app.notice events; in Electron the main process
 * shows them as OS notifications instead, so the renderer only shows its own messages there.
 * The notice shown is drawn where the console puts a NoticeSlot.
 */
export function NoticeProvider({ shell, children }: { shell: 'electron' | 'browser' | null; children: ReactNode }) {
  const [queue, setQueue] = useState<Queued[]>([]);
  // What the user just did is answered at once; background results wait their turn (folded).
  const notify = useCallback(
    (notice: NoticeInput) => setQueue((q) => [{ ...notice, key: Date.now() + Math.random(), count: 1 }, ...q.slice(1)]),
    [],
  );
  const background = useCallback((notice: Notice) => setQueue((q) => enqueue(q, notice)), []);
  useEffect(() => (shell === 'browser' ? api.on('app.notice', background) : undefined), [shell, background]);
  const close = useCallback(() => setQueue((q) => q.slice(1)), []);
  const shown = useMemo(() => ({ current: queue[0], waiting: queue.length - 1, close }), [queue, close]);
  return (
    <NoticeContext.Provider value={notify}>
      <ShownContext.Provider value={shown}>{children}</ShownContext.Provider>
    </NoticeContext.Provider>
  );
}

/**
 * What a notice says: a message, or a failure its error alert explains by its code. An element, not a
 * component: the snackbar's transition gives its child a ref and a style (a component dropped the ref, and
 * the transition failed on a null node, taking the console down).
 */
function noticeAlert(notice: Queued, close: () => void) {
  // A finished migration's notice says where the VM runs in its body; its code and hint come from its error.
  const shownError =
    !('error' in notice) || !notice.error ? null : 'body' in notice ? { ...notice.error, message: notice.body } : notice.error;
  return shownError ? (
    <ErrorAlert
      error={shownError}
      title={notice.title}
      severity={notice.level}
      variant="filled"
      onClose={close}
      role="status"
      sx={{ maxWidth: 520 }}
    />
  ) : (
    <Alert severity={notice.level} variant="filled" onClose={close} role="status" sx={{ maxWidth: 520 }}>
      <AlertTitle>{notice.title}</AlertTitle>
      {'body' in notice && notice.body}
    </Alert>
  );
}

/** MUI's snackbar sets its offsets again from sm up (24 px): ours hold at every width (they shifted the slot's notice 24 px up and left). */
const atEveryWidth = <T,>(value: T) => ({ xs: value, sm: value });

/** Where a notice stands, by what hid its place as it arrived. */
function placement({ arrivedUnder, placeBottom }: DialogCover, level: Queued['level']): Pick<SnackbarProps, 'anchorOrigin' | 'sx'> {
  // Over the dialog's title band, clear of the buttons at its foot ("Move them back" was hidden once).
  if (arrivedUnder === 'dialog') return { anchorOrigin: { vertical: 'top', horizontal: 'right' } };
  // Where its place is, under the menu (a menu at the top right, the theme's, keeps its items).
  if (arrivedUnder === 'menu') {
    // As in its place (4 px above the pane, 8 from the right).
    return {
      anchorOrigin: { vertical: 'bottom', horizontal: 'right' },
      sx: { bottom: atEveryWidth(placeBottom + 4), right: atEveryWidth(8), zIndex: (theme) => theme.zIndex.modal - 1 },
    };
  }
  return {
    anchorOrigin: { vertical: 'bottom', horizontal: 'right' },
    // Under a dialog opened after it, not over the dialog's buttons; an error stays above, to be read and closed.
    sx: {
      position: 'relative',
      inset: atEveryWidth('auto'),
      px: 1,
      py: 0.5,
      zIndex: (theme) => (level === 'error' ? theme.zIndex.snackbar : theme.zIndex.modal - 1),
    },
  };
}

/**
 * Where notices show: in the layout, not over it. A notice floating over the console covered what lay
 * under it, the docked pane's Cancel buttons (review 8, m12), then the Tasks grid's "Rows per page"
 * (new-user review of issue 14, 17); in its own slot above the docked pane it takes its height from
 * the view above while it shows, and covers nothing.
 *
 * One that arrives while a dialog (or a menu) hides the page is drawn over it instead, until it closes:
 * under a dialog's backdrop it went unseen and its Close out of reach (issue 14). Added to the page after
 * the dialog, it is left in the accessibility tree (a dialog hides only what was there as it opened).
 */
export function NoticeSlot() {
  const { current, waiting, close } = useContext(ShownContext);
  const [placedAt, cover] = useDialogCover(current?.key ?? null);
  if (!current) return null;
  const shownFor = waiting > 0 ? 2500 : 6000;
  const notice = (
    <Snackbar
      open
      // Its time runs while it can be read: not behind a dialog (unless others wait, to show over it), nor while the
      // pointer or focus is on it (then it starts again whole).
      autoHideDuration={cover.covered && !cover.arrivedUnder && waiting === 0 ? null : shownFor}
      resumeHideDuration={shownFor}
      onClose={(_e, reason) => reason !== 'clickaway' && close()}
      {...placement(cover, current.level)}
    >
      {noticeAlert(current, close)}
    </Snackbar>
  );
  return (
    <div key={current.key} ref={placedAt}>
      {cover.noticeKey !== current.key ? null : cover.arrivedUnder ? createPortal(notice, document.body) : notice}
    </div>
  );
}
