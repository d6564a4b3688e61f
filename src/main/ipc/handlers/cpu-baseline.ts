import type { CpuBaselineService } from '../../operations/cpu-baseline';
import type { Handlers } from '../router';

export function cpuBaselineHandlers(
  baselines: CpuBaselineService,
): Pick<Handlers, 'clusters.cpuBaseline' | 'clusters.setCpuBaseline' | 'vms.applyCpuBaseline'> {
  return {
    'clusters.cpuBaseline': ({ clusterId }) => baselines.status(clusterId),
    'clusters.setCpuBaseline': ({ clusterId, choice }, context) => baselines.set(clusterId, choice, context.actor),
    'vms.applyCpuBaseline': ({ vmId }, context) => baselines.apply(vmId, context.actor),
  };
}
