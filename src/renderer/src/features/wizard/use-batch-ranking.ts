import { useMemo, useState } from 'react';
import type { HostRating } from '../../../../shared/model/precheck';
import { useEach } from '../../api/use-command';
import { batchRanking } from './batch-ranking';
import { vmsHeldByTheirDisks } from './disk-bound';
import type { WizardState } from './wizard-state';

export interface BatchRanking {
  data: HostRating[] | null;
  error: Error | null;
  loading: boolean;
  /** The ranked VMs no host takes only because it does not reach their disks (`vmsHeldByTheirDisks`). */
  heldByDisks: string[];
}

/**
 * The ranking of the batch's sampled VMs (`rankedSample`), combined; null while it loads. Asked once it is
 * first `wanted`, then kept while the batch and the type stay: asked again on each visit of the
 * Destination step, it followed the hosts' loads (every 2 s), and the hints and the order changed
 * under the admin's choice. The checks of the chosen host still run live.
 */
export function useBatchRanking(
  vmIds: readonly string[],
  type: WizardState['type'],
  names: readonly string[],
  wanted: boolean,
): BatchRanking {
  const [asked, setAsked] = useState(wanted);
  if (wanted && !asked) setAsked(true);
  const requests = !asked || type === 'storage' ? [] : vmIds.map((vmId) => ({ vmId, type }));
  const { data: perVm, error, loading } = useEach('migration.recommend', requests);
  const named = names.join('\n');
  const data = useMemo(() => (perVm ? batchRanking(perVm, named.split('\n')) : null), [perVm, named]);
  const heldByDisks = useMemo(() => (perVm ? vmsHeldByTheirDisks(perVm, named.split('\n')) : []), [perVm, named]);
  return { data, error, loading, heldByDisks };
}
