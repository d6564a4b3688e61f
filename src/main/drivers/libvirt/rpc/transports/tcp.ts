// Plain TCP to libvirtd --listen (qemu+tcp://). No encryption: only for trusted lab networks
// or tunnels; libvirtd must be configured with listen_tcp and an auth_tcp it accepts.

import { createConnection } from 'node:net';
import { type TransportOpener } from '../transport';
import { connectSocket } from './socket';

export const DEFAULT_LIBVIRT_TCP_PORT = 16509;

export function tcpTransport(host: string, port: number = DEFAULT_LIBVIRT_TCP_PORT): TransportOpener {
  return (options) => {
    const socket = createConnection({ host, port });
    // RPC messages are small and latency-sensitive (keepalive, job polling).
    socket.setNoDelay(true);
    return connectSocket(socket, `tcp ${host}:${port}`, options);
  };
}
