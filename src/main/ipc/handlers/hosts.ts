import type { Services } from '../../app/services';
import type { Handlers } from '../router';

export function hostHandlers({ libvirtHosts }: Services): Pick<Handlers, 'hosts.connections' | 'hosts.testConnection' | 'hosts.add' | 'hosts.remove'> {
  return {
    'hosts.connections': () => libvirtHosts.list(),
    'hosts.testConnection': (input) => libvirtHosts.test(input),
    'hosts.add': (input, context) => libvirtHosts.add(input, context.actor),
    'hosts.remove': async ({ connectionId }, context) => (await libvirtHosts.remove(connectionId, context.actor), null),
  };
}
