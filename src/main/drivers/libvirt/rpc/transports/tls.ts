// libvirt over TLS (qemu+tls://, port 16514), as libvirt's client speaks it: TLS from the first
// byte with our CA and client certificate, the server's certificate checked against the host
// dialled (its name, or its address against the IP SANs), then one byte 0x01 that libvirtd sends
// once it accepted OUR certificate (virnetserverclient.c). Only after that byte may RPC start; a
// server that hangs up instead refused us (tls_allowed_dn_list, an unknown CA, no certificate).

import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { type OpenTransportOptions, type Transport, type TransportOpener } from '../transport';
import { RpcClientError } from '../errors';
import { checkPkiMaterial, readPkiFiles, type PkiFiles } from './tls-pki';
import { TlsTransportError, tlsFailureReasonOf, type TlsFailureReason } from './tls-errors';

export const DEFAULT_LIBVIRT_TLS_PORT = 16514;

export interface TlsTransportOptions {
  readonly host: string;
  readonly port?: number;
  /** Resolved with `resolvePkiFiles` (libvirt's defaults, `pkipath=`, or the host's directory). */
  readonly files: PkiFiles;
  /** `no_verify=1`: go on when the server's certificate does not verify (libvirt warns, then goes on). */
  readonly noVerify?: boolean;
}

export function tlsTransport(options: TlsTransportOptions): TransportOpener {
  return async (open) => {
    const material = await readPkiFiles(options.files);
    checkPkiMaterial(options.files, material);
    const port = options.port ?? DEFAULT_LIBVIRT_TLS_PORT;
    const socket = tlsConnect({
      host: options.host,
      port,
      ca: material.ca,
      ...(material.crl ? { crl: material.crl } : {}),
      ...(material.cert && material.key ? { cert: material.cert, key: material.key } : {}),
      // SNI carries names only; Node then checks the certificate against the address (IP SANs).
      ...(isIP(options.host) ? {} : { servername: options.host }),
      ...(options.noVerify ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {}),
    } satisfies ConnectionOptions);
    socket.setNoDelay(true);
    return awaitConfirmation(socket, { ...options, port }, open);
  };
}

function awaitConfirmation(socket: TLSSocket, options: TlsTransportOptions & { port: number }, open?: OpenTransportOptions) {
  const where = `${options.host}:${options.port}`;
  return new Promise<Transport>((resolve, reject) => {
    let handshakeDone = false;
    const signal = open?.signal;
    const cleanup = (): void => {
      socket.off('secureConnect', onSecure);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: Error): void => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onSecure = (): void => {
      handshakeDone = true;
    };
    const onData = (chunk: Buffer): void => {
      cleanup();
      socket.pause();
      if (chunk[0] !== 1) {
        socket.destroy();
        return reject(new TlsTransportError('client-refused', `tls ${where}: the server did not confirm the connection`));
      }
      if (chunk.length > 1) socket.unshift(chunk.subarray(1));
      // Paused until the client listens, so nothing after the byte is lost; an explicit pause
      // is not undone by a new 'data' listener, so resume when one comes.
      socket.on('newListener', function resumeOnData(event: string) {
        if (event !== 'data') return;
        socket.off('newListener', resumeOnData);
        process.nextTick(() => socket.resume());
      });
      resolve(socket);
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason = tlsFailureReasonOf(error, handshakeDone);
      if (reason === null)
        return fail(new RpcClientError('TRANSPORT', `cannot connect to tls ${where}: ${error.message}`, { cause: error }));
      fail(new TlsTransportError(reason, messageFor(reason, where, options.files, error.message), { cause: error }));
    };
    const onEnd = (): void =>
      fail(
        handshakeDone
          ? new TlsTransportError('client-refused', messageFor('client-refused', where, options.files, 'the server closed the connection'))
          : new RpcClientError('TRANSPORT', `tls ${where}: the connection closed during the TLS handshake`),
      );
    const onAbort = (): void => fail(new RpcClientError('TRANSPORT', `cannot connect to tls ${where}: aborted`));
    if (signal?.aborted) return onAbort();
    socket.once('secureConnect', onSecure);
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function messageFor(reason: TlsFailureReason, where: string, files: PkiFiles, detail: string): string {
  switch (reason) {
    case 'client-refused':
      return files.cert
        ? `tls ${where}: libvirtd refused our client certificate ${files.cert} (${detail})`
        : `tls ${where}: libvirtd refused the connection: no client certificate was found (looked for ${files.certSearched.join(', ')})`;
    case 'server-untrusted':
      return `tls ${where}: the server's certificate is not trusted by ${files.ca} (${detail})`;
    case 'hostname-mismatch':
      return `tls ${where}: the server's certificate does not name this host (${detail})`;
    case 'port-closed':
      return `tls ${where}: nothing listens on the TLS port (${detail})`;
    case 'file-missing':
    case 'file-invalid':
      return `tls ${where}: ${detail}`;
  }
}
