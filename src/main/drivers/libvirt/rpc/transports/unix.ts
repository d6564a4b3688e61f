// Local libvirtd over its unix socket (qemu:///system, qemu+unix://).

import { createConnection } from 'node:net';
import { type TransportOpener } from '../transport';
import { connectSocket } from './socket';

export const DEFAULT_LIBVIRT_SOCKET = '/var/run/libvirt/libvirt-sock';

export function unixTransport(socketPath: string = DEFAULT_LIBVIRT_SOCKET): TransportOpener {
  return (options) => connectSocket(createConnection({ path: socketPath }), `unix socket ${socketPath}`, options);
}
