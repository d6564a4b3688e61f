import type { Automation } from '../../operations/automation';
import type { MaintenanceService } from '../../operations/maintenance';
import type { PowerOffRequest } from '../../operations/maintenance-power-off';
import type { Handlers } from '../router';

type OperationCommands =
  | 'maintenance.plan'
  | 'maintenance.enter'
  | 'maintenance.exit'
  | 'maintenance.status'
  | 'maintenance.moveBlocked'
  | 'maintenance.failbackPlan'
  | 'maintenance.moveBackCold'
  | 'maintenance.failback'
  | 'maintenance.dismissFailback'
  | 'maintenance.dismissExitReport'
  | 'recommendations.list'
  | 'recommendations.apply'
  | 'recommendations.history'
  | 'clusters.setPolicy';

/** The admin's power-off choices as the service takes them (absent stays absent). */
const powerRequest = (powerOnAfter: boolean | undefined, force: boolean | undefined): PowerOffRequest => ({
  ...(powerOnAfter === undefined ? {} : { powerOnAfter }),
  ...(force === undefined ? {} : { force }),
});

export function operationHandlers(maintenance: MaintenanceService, automation: Automation): Pick<Handlers, OperationCommands> {
  return {
    'maintenance.plan': ({ hostId, options }) => maintenance.plan(hostId, options),
    'maintenance.enter': ({ hostId, options, confirmed }, context) => maintenance.enter(hostId, context.actor, options, confirmed),
    'maintenance.exit': ({ hostId }, context) => maintenance.exit(hostId, context.actor),
    'maintenance.status': () => maintenance.statuses(),
    'maintenance.moveBlocked': ({ hostId, vmId, action, powerOnAfter, force }, context) =>
      maintenance.moveBlocked(hostId, vmId, action, context.actor, powerRequest(powerOnAfter, force)),
    'maintenance.failbackPlan': ({ hostId, datastores }) => maintenance.failbackPlan(hostId, new Map(Object.entries(datastores ?? {}))),
    'maintenance.moveBackCold': ({ hostId, vmId, powerOnAfter, force }, context) =>
      maintenance.moveBackCold(hostId, vmId, context.actor, powerRequest(powerOnAfter, force)),
    'maintenance.failback': ({ hostId, datastores, confirmed }, context) =>
      maintenance.failback(hostId, context.actor, new Map(Object.entries(datastores ?? {})), confirmed),
    'maintenance.dismissFailback': ({ hostId }, context) => maintenance.dismissFailback(hostId, context.actor),
    'maintenance.dismissExitReport': ({ hostId }) => maintenance.dismissExitReport(hostId),
    'recommendations.list': () => automation.recommendations(),
    'recommendations.apply': ({ ids }, context) => ({ taskIds: automation.apply(ids, context.actor).map((t) => t.id) }),
    'recommendations.history': ({ limit }) => automation.history(limit),
    'clusters.setPolicy': ({ clusterId, policy }, context) => automation.setClusterPolicy(clusterId, policy, context.actor),
  };
}
