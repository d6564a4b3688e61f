import { useMemo } from 'react';
import type { HostRating } from '../../../../shared/model/precheck';
import { useEach } from '../../api/use-command';
import { batchRanking, rankedVms } from './batch-ranking';
import type { WizardState } from './wizard-state';

/** The ranking of `rankedVms` of the batch's VMs, combined; null while it loads. */
export function useBatchRanking(
  vmIds: readonly string[],
  type: WizardState['type'],
  names: readonly string[],
): { data: HostRating[] | null; error: Error | null; loading: boolean } {
  const requests = type === 'storage' ? [] : vmIds.slice(0, rankedVms).map((vmId) => ({ vmId, type }));
  const { data: perVm, error, loading } = useEach('migration.recommend', requests);
  const named = names.join('\n');
  const data = useMemo(() => (perVm ? batchRanking(perVm, named.split('\n')) : null), [perVm, named]);
  return { data, error, loading };
}
