import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';

/**
 * Applies recommendations, each once: while its request is on its way a recommendation is pending, its
 * buttons are disabled, and a second click (a double click) sends nothing, which the console would
 * record as refused (review 5, 8).
 */
export function useApply(onApplied: () => void): { apply: (ids: string[]) => void; pending: (id: string) => boolean } {
  const notify = useNotify();
  // The ref answers the second click of a double click at once; the state re-renders the buttons.
  const inFlight = useRef(new Set<string>());
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const settle = useCallback((ids: string[]) => {
    for (const id of ids) inFlight.current.delete(id);
    setShown(new Set(inFlight.current));
  }, []);
  const apply = useCallback(
    (ids: string[]) => {
      const fresh = ids.filter((id) => !inFlight.current.has(id));
      if (fresh.length === 0) return;
      for (const id of fresh) inFlight.current.add(id);
      setShown(new Set(inFlight.current));
      api.invoke('recommendations.apply', { ids: fresh }).then(
        ({ taskIds }) => {
          settle(fresh);
          notify({
            level: 'success',
            title: `${taskIds.length} migration${taskIds.length === 1 ? '' : 's'} queued`,
            body: `The Tasks view shows ${taskIds.length === 1 ? 'its' : 'their'} progress.`,
          });
          onApplied();
        },
        (error: unknown) => {
          settle(fresh);
          notify({ level: 'error', title: 'Could not apply', error });
        },
      );
    },
    [notify, onApplied, settle],
  );
  return { apply, pending: (id) => shown.has(id) };
}
