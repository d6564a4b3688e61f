import type { Automation } from '../../operations/automation';
import type { MaintenanceService } from '../../operations/maintenance';
import type { Handlers } from '../router';

type OperationCommands =
  | 'maintenance.plan'
  | 'maintenance.enter'
  | 'maintenance.exit'
  | 'maintenance.status'
  | 'recommendations.list'
  | 'recommendations.apply'
  | 'recommendations.history'
  | 'clusters.setPolicy';

export function operationHandlers(maintenance: MaintenanceService, automation: Automation): Pick<Handlers, OperationCommands> {
  return {
    'maintenance.plan': ({ hostId }) => maintenance.plan(hostId),
    'maintenance.enter': ({ hostId }, context) => maintenance.enter(hostId, context.actor),
    'maintenance.exit': ({ hostId }, context) => maintenance.exit(hostId, context.actor),
    'maintenance.status': () => maintenance.statuses(),
    'recommendations.list': () => automation.recommendations(),
    'recommendations.apply': ({ ids }, context) => ({ taskIds: automation.apply(ids, context.actor).map((t) => t.id) }),
    'recommendations.history': ({ limit }) => automation.history(limit),
    'clusters.setPolicy': ({ clusterId, policy }, context) => automation.setClusterPolicy(clusterId, policy, context.actor),
  };
}
