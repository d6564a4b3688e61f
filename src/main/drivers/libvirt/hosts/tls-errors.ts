// A failed qemu+tls:// connection → a typed error per cause (a missing file, an untrusted or
// misnamed server, our certificate refused, a closed port), with the file concerned in `details`
// (`TlsErrorDetails` in src/shared), so the UI names the fix without reading the message.

import { DriverError, type DriverErrorCode } from '../../driver';
import type { TlsErrorDetails } from '../../../../shared/model/tls';
import { TlsTransportError, type TlsFailureReason } from '../rpc';
import { assertNever } from '../../../base/assert-never';

function codeOf(reason: TlsFailureReason): DriverErrorCode {
  switch (reason) {
    case 'file-missing':
    case 'file-invalid':
      return 'TLS_CERT_MISSING';
    case 'server-untrusted':
    case 'hostname-mismatch':
      return 'TLS_SERVER_UNTRUSTED';
    case 'client-refused':
      return 'TLS_CLIENT_REFUSED';
    case 'port-closed':
      return 'TLS_PORT_CLOSED';
    default:
      return assertNever(reason);
  }
}

/** The typed error for a TLS transport failure; null for anything else. */
export function tlsConnectionError(error: unknown): DriverError | null {
  if (!(error instanceof TlsTransportError)) return null;
  const details: TlsErrorDetails = { reason: error.reason, path: error.path };
  return new DriverError(codeOf(error.reason), error.message, details);
}

/**
 * QEMU could not load its TLS credentials for an encrypted migration stream (libvirt passes on
 * QEMU's "Unable to access credentials /etc/pki/qemu/ca-cert.pem"), or libvirt has no TLS for it.
 */
export function isMigrationTlsRefusal(message: string): boolean {
  return /unable to access credentials|tls-creds|x509|TLS migration/i.test(message);
}
