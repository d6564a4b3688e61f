// Shared by the unix and TCP transports: resolve once the socket connects, fail on error or abort.

import { type Socket } from 'node:net';
import { RpcClientError } from '../errors';
import { type OpenTransportOptions, type Transport } from '../transport';

export function connectSocket(socket: Socket, what: string, options?: OpenTransportOptions): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const signal = options?.signal;
    const cleanup = (): void => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onConnect = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: Error): void => {
      cleanup();
      socket.destroy();
      reject(new RpcClientError('TRANSPORT', `cannot connect to ${what}: ${error.message}`, { cause: error }));
    };
    const onAbort = (): void => onError(new Error('aborted'));
    if (signal?.aborted) return onAbort();
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
