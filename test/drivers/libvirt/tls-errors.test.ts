// qemu+tls:// failures → typed driver errors with the file concerned, and the URI a source
// daemon dials to reach a TLS host.

import { describe, expect, it } from 'vitest';
import { migrationUriOf } from '../../../src/main/drivers/libvirt/hosts/config';
import { connectionError } from '../../../src/main/drivers/libvirt/hosts/host-connection';
import { HostKeyCheck } from '../../../src/main/drivers/libvirt/hosts/ssh-host-key';
import { isMigrationTlsRefusal } from '../../../src/main/drivers/libvirt/hosts/tls-errors';
import { RpcClientError, TlsTransportError, type TlsFailureReason } from '../../../src/main/drivers/libvirt/rpc';
import type { DriverErrorCode } from '../../../src/main/drivers/driver';

const config = { uri: 'qemu+tls://hv1/system', clusterId: 'c' };

describe('TLS connection errors', () => {
  it.each<[TlsFailureReason, string | undefined, DriverErrorCode]>([
    ['file-missing', '/etc/pki/CA/cacert.pem', 'TLS_CERT_MISSING'],
    ['server-untrusted', undefined, 'TLS_SERVER_UNTRUSTED'],
    ['hostname-mismatch', undefined, 'TLS_SERVER_UNTRUSTED'],
    ['client-refused', '/etc/pki/libvirt/clientcert.pem', 'TLS_CLIENT_REFUSED'],
    ['port-closed', undefined, 'TLS_PORT_CLOSED'],
  ])('%s → %s with its details', (reason, path, code) => {
    const error = connectionError(
      new TlsTransportError(reason, `tls hv1:16514: ${reason}`, path ? { path } : {}),
      new HostKeyCheck(undefined),
      config,
    );
    expect(error.code).toBe(code);
    expect(error.details).toEqual({ reason, path: path ?? null });
    expect(error.message).toContain(reason);
  });

  it('an ordinary network failure stays HOST_UNREACHABLE', () => {
    const error = connectionError(
      new RpcClientError('TRANSPORT', 'cannot connect to tls hv1:16514: EHOSTUNREACH'),
      new HostKeyCheck(undefined),
      config,
    );
    expect(error.code).toBe('HOST_UNREACHABLE');
  });

  it('derives the migration URI of a TLS host without the client-only parameters', () => {
    expect(migrationUriOf({ ...config, uri: 'qemu+tls://10.0.0.5/system?pkipath=/srv/pki&no_verify=1' })).toBe(
      'qemu+tls://10.0.0.5/system',
    );
    expect(migrationUriOf({ ...config, uri: 'qemu+tls://hv1:16600/system' })).toBe('qemu+tls://hv1:16600/system');
  });

  it("recognises QEMU's refusal of an encrypted stream without credentials", () => {
    expect(
      isMigrationTlsRefusal(
        "internal error: unable to execute QEMU command 'object-add': Unable to access credentials /etc/pki/qemu/ca-cert.pem: No such file or directory",
      ),
    ).toBe(true);
    expect(isMigrationTlsRefusal('operation failed: migration out job: unexpectedly failed')).toBe(false);
  });
});
