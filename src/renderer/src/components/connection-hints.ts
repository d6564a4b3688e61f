import type { ConnectionFailure } from '../../../shared/model/connection-failure';

const defaultPorts: Readonly<Record<string, string>> = { tcp: '16509', tls: '16514', ssh: '22' };

/** What an admin checks when a host cannot be reached, by why the socket failed and over which transport. */
export function connectionHint(failure: ConnectionFailure): { title: string; hint: string } {
  const where = failure.endpoint ?? 'the host';
  const port = failure.transport ? defaultPorts[failure.transport] : undefined;
  const daemon = failure.transport === 'ssh' ? 'sshd' : 'libvirtd';
  switch (failure.reason) {
    case 'refused':
      if (failure.transport === 'unix')
        return {
          title: 'libvirtd is not running here',
          hint: 'Start libvirtd (or virtqemud.socket) on this machine, or give the socket path with ?socket=.',
        };
      return {
        title: `${daemon} is not listening on ${where}`,
        hint:
          failure.transport === 'ssh'
            ? `Check that sshd runs on the host and the URI's port is right (default 22), and that no firewall rejects it.`
            : `Check that ${daemon} runs with listening on (libvirtd --listen or the libvirtd-${failure.transport ?? 'tcp'}.socket unit, listen_${failure.transport ?? 'tcp'} = 1), that the URI's port is right (default ${port ?? '16509'}), and that no firewall rejects it.`,
      };
    case 'timed-out':
      return {
        title: `${where} does not answer`,
        hint: `The host may be down, or a firewall drops the port: check the address, and that port ${port ?? 'the URI names'} is open from Ferry to the host.`,
      };
    case 'no-route':
      return { title: `No route to ${where}`, hint: 'Check the address, the network between Ferry and the host, and any VPN it needs.' };
    case 'name-unknown':
      return {
        title: 'The host name does not resolve',
        hint: 'Check its spelling in the URI, or DNS and /etc/hosts on the machine Ferry runs on.',
      };
    case 'reset':
      return {
        title: `${where} hung up`,
        hint: `${daemon} accepted and then closed the connection: it may refuse clients from this address (its allowed lists, tcp_wrappers, max_clients) — see its log.`,
      };
    case 'socket-missing':
      return {
        title: 'No libvirt socket there',
        hint: `${where} does not exist: start libvirtd (or virtqemud.socket), or correct ?socket= in the URI.`,
      };
    case 'permission-denied':
      return {
        title: 'Not allowed to open the libvirt socket',
        hint: "Add the user Ferry runs as to the host's libvirt group (then log in again), or use qemu+ssh:// as a user that may.",
      };
  }
}
