import { useCallback } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';
import { cancelNotice } from './cancel-notice';

/** Asks main to cancel a task and says what happens next, or why not. */
export function useCancel(): (task: Task) => void {
  const notify = useNotify();
  return useCallback(
    (t: Task) =>
      void api.invoke('migration.cancel', { taskId: t.id }).then(
        () => notify(cancelNotice(t.vmName, { ok: true })),
        (error: unknown) => notify(cancelNotice(t.vmName, { ok: false, error })),
      ),
    [notify],
  );
}
