import { useEffect, useMemo, useState } from 'react';
import type { MigrationType } from '../../../../shared/model/migration';
import type { HostRating } from '../../../../shared/model/precheck';
import { api } from '../../api/client';
import { batchRanking, rankedVms } from './batch-ranking';
import type { WizardState } from './wizard-state';

/** The ranking of `rankedVms` of the batch's VMs, combined; null while it loads. */
export function useBatchRanking(
  vmIds: readonly string[],
  type: WizardState['type'],
  names: readonly string[],
): { data: HostRating[] | null; error: Error | null; loading: boolean } {
  const key = vmIds.length > 0 && type !== 'storage' ? JSON.stringify({ vmIds: vmIds.slice(0, rankedVms), type }) : null;
  const [answer, setAnswer] = useState<{ key: string; perVm: HostRating[][] | null; error: Error | null } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const request = JSON.parse(key) as { vmIds: string[]; type: MigrationType };
    Promise.all(request.vmIds.map((vmId) => api.invoke('migration.recommend', { vmId, type: request.type }))).then(
      (perVm) => live && setAnswer({ key, perVm, error: null }),
      (error: Error) => live && setAnswer({ key, perVm: null, error }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const current = answer?.key === key ? answer : null;
  const perVm = current?.perVm ?? null;
  const named = names.join('\n');
  const data = useMemo(() => (perVm ? batchRanking(perVm, named.split('\n')) : null), [perVm, named]);
  return { data, error: current?.error ?? null, loading: key !== null && current === null };
}
