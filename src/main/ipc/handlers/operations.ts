import { FerryError } from '../../../shared/api';
import type { Services } from '../../app/services';
import type { Handlers } from '../router';

type OperationCommands = 'maintenance.plan' | 'maintenance.enter' | 'maintenance.exit' | 'maintenance.status' | 'recommendations.list' | 'recommendations.apply' | 'clusters.setPolicy';

export function operationHandlers(services: Services): Pick<Handlers, OperationCommands> {
  const { maintenance, automation, inventory, audit } = services;
  return {
    'maintenance.plan': ({ hostId }) => maintenance.plan(hostId),
    'maintenance.enter': ({ hostId }, context) => maintenance.enter(hostId, context.actor),
    'maintenance.exit': ({ hostId }, context) => maintenance.exit(hostId, context.actor),
    'maintenance.status': () => maintenance.statuses(),
    'recommendations.list': () => automation.recommendations(),
    'recommendations.apply': ({ ids }, context) => ({ taskIds: automation.apply(ids, context.actor).map((t) => t.id) }),
    'clusters.setPolicy': ({ clusterId, policy }, context) => {
      const before = inventory.cluster(clusterId);
      if (!before) throw new FerryError('NOT_FOUND', `no cluster ${clusterId}`);
      inventory.setClusterPolicy(clusterId, policy);
      audit.append({ actor: context.actor, action: 'settings.changed', details: `cluster ${before.name} policy: ${JSON.stringify(before.policy)} → ${JSON.stringify(policy)}` });
      services.hub.publish('recommendations.changed', {});
      return inventory.cluster(clusterId) as NonNullable<ReturnType<typeof inventory.cluster>>;
    },
  };
}
