import type { HostConnections } from '../../operations/host-connections';
import type { Handlers } from '../router';

type HostCommands = 'hosts.connections' | 'hosts.testConnection' | 'hosts.add' | 'hosts.remove' | 'hosts.updateCredentials';

export function hostHandlers(hosts: HostConnections): Pick<Handlers, HostCommands> {
  return {
    'hosts.connections': () => hosts.list(),
    'hosts.testConnection': (input) => hosts.test(input),
    'hosts.add': (input, context) => hosts.add(input, context.actor),
    'hosts.remove': async ({ connectionId }, context) => (await hosts.remove(connectionId, context.actor), null),
    'hosts.updateCredentials': ({ connectionId, credentials, sasl }, context) =>
      hosts.updateCredentials(connectionId, { ...(credentials ? { credentials } : {}), ...(sasl ? { sasl } : {}) }, context.actor),
  };
}
