import { useCallback } from 'react';
import type { Task } from '../../../../shared/model/migration';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';

/** Asks main to cancel a task and says what happens next, or why not. */
export function useCancel(): (task: Task) => void {
  const notify = useNotify();
  return useCallback(
    (t: Task) =>
      void api.invoke('migration.cancel', { taskId: t.id }).then(
        () => notify({ level: 'info', title: `Cancelling ${t.vmName}`, body: 'It rolls back and keeps running on its source.' }),
        (error: unknown) => notify({ level: 'error', title: `Cannot cancel ${t.vmName}`, error }),
      ),
    [notify],
  );
}
