import { Alert, AlertTitle, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Notice } from '../../../../shared/api/app';
import { api } from '../../api/client';

type NoticeInput = Omit<Notice, 'taskId'> & { taskId?: string | null };
const NoticeContext = createContext<(notice: NoticeInput) => void>(() => undefined);
export const useNotify = () => useContext(NoticeContext);

/**
 * In-app snackbars. Migration results arrive as app.notice events; in Electron the main process
 * shows them as OS notifications instead, so the renderer only shows its own messages there.
 */
export function NoticeProvider({ shell, children }: { shell: 'electron' | 'browser' | null; children: ReactNode }) {
  const [queue, setQueue] = useState<(NoticeInput & { key: number })[]>([]);
  const notify = useCallback((notice: NoticeInput) => setQueue((q) => [...q, { ...notice, key: Date.now() + Math.random() }]), []);
  useEffect(() => (shell === 'browser' ? api.on('app.notice', notify) : undefined), [shell, notify]);
  const current = queue[0];
  const close = () => setQueue((q) => q.slice(1));
  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      {current && (
        <Snackbar key={current.key} open autoHideDuration={6000} onClose={(_e, reason) => reason !== 'clickaway' && close()} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}>
          <Alert severity={current.level} variant="filled" onClose={close} role="status" sx={{ maxWidth: 520 }}>
            <AlertTitle>{current.title}</AlertTitle>
            {current.body}
          </Alert>
        </Snackbar>
      )}
    </NoticeContext.Provider>
  );
}
