// Why a qemu+tls:// connection failed, in one closed set, so the driver can give each its own
// error code and fix: Node's TLS errors are strings of OpenSSL's names, sorted here once.

import { RpcClientError } from '../errors';

export type TlsFailureReason =
  /** A CA, certificate or key file is missing or unreadable (`path` names it). */
  | 'file-missing'
  /** A file is there but is not a PEM certificate or key, or the key does not belong to the certificate (`path` names it). */
  | 'file-invalid'
  /** The server's certificate does not chain to our CA (or expired, or was revoked). */
  | 'server-untrusted'
  /** The server's certificate is valid but names neither the host name nor the address dialled. */
  | 'hostname-mismatch'
  /** The handshake finished but libvirtd closed instead of confirming: it refused our certificate. */
  | 'client-refused'
  /** Nothing listens on the TLS port (listen_tls off, or libvirtd started without --listen). */
  | 'port-closed';

export class TlsTransportError extends RpcClientError {
  readonly path: string | null;

  constructor(
    readonly reason: TlsFailureReason,
    message: string,
    options: { path?: string; cause?: unknown } = {},
  ) {
    super('TRANSPORT', message, { cause: options.cause });
    this.path = options.path ?? null;
  }
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'UNABLE_TO_GET_CRL',
  'CRL_HAS_EXPIRED',
]);

/** A TLS alert the server sent about our certificate (TLS 1.2 during the handshake, 1.3 just after). */
const CLIENT_CERT_ALERT =
  /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|HANDSHAKE_FAILURE)/;

/** Sorts a socket error into a reason, or null for an ordinary network failure (unreachable, timeout). */
export function tlsFailureReasonOf(error: NodeJS.ErrnoException, handshakeDone: boolean): TlsFailureReason | null {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return 'port-closed';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'hostname-mismatch';
  if (UNTRUSTED.has(code)) return 'server-untrusted';
  if (CLIENT_CERT_ALERT.test(code)) return 'client-refused';
  // After our handshake, libvirtd checks our certificate and hangs up if it does not like it.
  if (handshakeDone && (code === 'ECONNRESET' || code === 'EPIPE')) return 'client-refused';
  return null;
}
