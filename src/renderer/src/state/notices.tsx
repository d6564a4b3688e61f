import { Alert, AlertTitle, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Notice } from '../../../shared/api/app';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { describeError } from '../components/describe-error';
import { NoticeOverDialog, useArrivedUnderDialog } from './notice-over-dialog';

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
 * Where notices show: in the layout, not over it. A notice floating over the console covered what lay
 * under it, the docked pane's Cancel buttons (review 8, m12), then the Tasks grid's "Rows per page"
 * (new-user review of issue 14, 17); in its own slot above the docked pane it takes its height from
 * the view above while it shows, and covers nothing. Under a dialog's backdrop, so no dialog button
 * is hidden; while a dialog hides it from screen readers, its words are read from a region of their own.
 */
export function NoticeSlot() {
  const { current, waiting, close } = useContext(ShownContext);
  const [shownAt, hiddenByDialog] = useArrivedUnderDialog();
  if (!current) return null;
  // A finished migration's notice says where the VM runs in its body; its code and hint come from its error.
  const shownError =
    !('error' in current) || !current.error ? null : 'body' in current ? { ...current.error, message: current.body } : current.error;
  const words = [current.title, 'body' in current ? current.body : describeError(current.error).body].filter(Boolean).join('. ');
  return (
    <>
      {hiddenByDialog && <NoticeOverDialog key={`words-${current.key}`} error={current.level === 'error'} words={words} />}
      <Snackbar
        key={current.key}
        ref={shownAt}
        open
        autoHideDuration={waiting > 0 ? 2500 : 6000}
        onClose={(_e, reason) => reason !== 'clickaway' && close()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        // Under an open dialog, not over its buttons ("Move them back" was hidden); an error stays above it, to be read and closed.
        sx={{
          position: 'relative',
          inset: 'auto',
          px: 1,
          py: 0.5,
          zIndex: (theme) => (current.level === 'error' ? theme.zIndex.snackbar : theme.zIndex.modal - 1),
        }}
      >
        {shownError ? (
          <ErrorAlert
            error={shownError}
            title={current.title}
            severity={current.level}
            variant="filled"
            onClose={close}
            role="status"
            sx={{ maxWidth: 520 }}
          />
        ) : (
          <Alert severity={current.level} variant="filled" onClose={close} role="status" sx={{ maxWidth: 520 }}>
            <AlertTitle>{current.title}</AlertTitle>
            {'body' in current && current.body}
          </Alert>
        )}
      </Snackbar>
    </>
  );
}
