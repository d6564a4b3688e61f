import { describe, it, expect } from 'vitest';
import { LibvirtUriError, parseLibvirtUri, type LibvirtUriErrorKind } from '../../../../src/main/drivers/libvirt/rpc';

describe('parseLibvirtUri', () => {
  it.each([
    ['qemu:///system', { transport: 'unix', socketPath: '/var/run/libvirt/libvirt-sock', remoteName: 'qemu:///system', driver: 'qemu' }],
    ['qemu:///session', { transport: 'unix', remoteName: 'qemu:///session' }],
    [
      'qemu+unix:///system?socket=/tmp/x/libvirt-sock',
      { transport: 'unix', socketPath: '/tmp/x/libvirt-sock', remoteName: 'qemu:///system' },
    ],
    ['test:///default', { transport: 'unix', driver: 'test', remoteName: 'test:///default' }],
    ['qemu+tcp://hv1/system', { transport: 'tcp', host: 'hv1', port: 16509, remoteName: 'qemu:///system' }],
    ['qemu+tcp://hv1:16510/system', { transport: 'tcp', host: 'hv1', port: 16510 }],
    ['qemu+tcp://[fd00::1]:1234/system', { transport: 'tcp', host: 'fd00::1', port: 1234 }],
    [
      'qemu+ssh://root@hv2/system',
      {
        transport: 'ssh',
        host: 'hv2',
        port: 22,
        user: 'root',
        keyfile: undefined,
        socketPath: undefined,
        proxy: 'auto',
        remoteName: 'qemu:///system',
      },
    ],
    [
      'qemu+ssh://ops%40corp@hv2:2222/system?keyfile=~/.ssh/id_ed25519&socket=/run/libvirt/virtqemud-sock&proxy=netcat&netcat=ncat',
      {
        transport: 'ssh',
        host: 'hv2',
        port: 2222,
        user: 'ops@corp',
        keyfile: '~/.ssh/id_ed25519',
        socketPath: '/run/libvirt/virtqemud-sock',
        proxy: 'netcat',
        netcat: 'ncat',
        remoteName: 'qemu:///system',
      },
    ],
    ['qemu+ssh://hv3/system?proxy=native', { transport: 'ssh', user: undefined, proxy: 'native' }],
    // Parameters the client does not consume travel to the daemon in the CONNECT_OPEN name.
    ['qemu+tcp://hv1/system?mode=legacy&foo=bar', { remoteName: 'qemu:///system?foo=bar', extraParams: { foo: 'bar' } }],
    ['QEMU+SSH://hv4/system', { transport: 'ssh', driver: 'qemu', host: 'hv4' }],
    [
      'qemu+tls://hv5/system',
      { transport: 'tls', host: 'hv5', port: 16514, pkiPath: undefined, noVerify: false, secure: true, remoteName: 'qemu:///system' },
    ],
    // A host without a transport means TLS, as in libvirt.
    ['qemu://hv5:16600/system', { transport: 'tls', host: 'hv5', port: 16600 }],
    [
      'qemu+tls://10.0.0.5/system?pkipath=/etc/ferry/pki/hv5&no_verify=1&no_sanity=1&tls_priority=NORMAL',
      { transport: 'tls', host: '10.0.0.5', pkiPath: '/etc/ferry/pki/hv5', noVerify: true, remoteName: 'qemu:///system', extraParams: {} },
    ],
    ['qemu+tls://hv5/system?no_verify=0', { noVerify: false }],
    // libvirt's is_secure: everything but plain TCP.
    ['qemu+tcp://hv1/system', { secure: false }],
    ['qemu+ssh://hv1/system', { secure: true }],
    ['qemu:///system', { secure: true }],
  ])('%s', (uri, expected) => {
    expect(parseLibvirtUri(uri)).toMatchObject(expected);
  });

  it.each<[string, LibvirtUriErrorKind]>([
    ['not a uri', 'INVALID_SYNTAX'],
    ['/var/run/libvirt/libvirt-sock', 'INVALID_SYNTAX'],
    ['qemu:/system', 'INVALID_SYNTAX'],
    ['qemu+tls:///system', 'MISSING_HOST'],
    ['qemu+tls://hv1/system?pkipath=', 'INVALID_PARAMETER'],
    ['qemu+tls://hv1/system?no_verify=yes', 'INVALID_PARAMETER'],
    ['qemu+libssh2://hv1/system', 'UNSUPPORTED_TRANSPORT'],
    ['qemu+tcp:///system', 'MISSING_HOST'],
    ['qemu+ssh:///system', 'MISSING_HOST'],
    ['qemu+unix://hv1/system', 'UNEXPECTED_HOST'],
    ['qemu+tcp://hv1:0/system', 'INVALID_PORT'],
    ['qemu+tcp://hv1:99999/system', 'INVALID_SYNTAX'], // WHATWG URL rejects ports above 65535 itself
    ['qemu+ssh://hv1/system?proxy=socat', 'INVALID_PARAMETER'],
    ['qemu+unix:///system?socket=', 'INVALID_PARAMETER'],
  ])('%s fails with %s', (uri, kind) => {
    let caught: unknown;
    try {
      parseLibvirtUri(uri);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LibvirtUriError);
    expect((caught as LibvirtUriError).kind).toBe(kind);
    expect((caught as LibvirtUriError).uri).toBe(uri);
  });
});

describe('the auth parameter (client-only, as libvirt reads it)', () => {
  it('parses sasl, sasl.<MECH> and polkit and keeps it out of the name sent to the daemon', () => {
    expect(parseLibvirtUri('qemu+unix:///system?socket=/s&auth=sasl')).toMatchObject({
      auth: { type: 'sasl' },
      remoteName: 'qemu:///system',
    });
    expect(parseLibvirtUri('qemu+ssh://h/system?auth=sasl.scram-sha-256').auth).toEqual({ type: 'sasl', mechanism: 'SCRAM-SHA-256' });
    expect(parseLibvirtUri('qemu+tcp://h/system?auth=polkit&x=1')).toMatchObject({
      auth: { type: 'polkit' },
      remoteName: 'qemu:///system?x=1',
    });
    expect(parseLibvirtUri('qemu:///system').auth).toBeUndefined();
  });

  it('refuses an auth type libvirt does not know', () => {
    expect(() => parseLibvirtUri('qemu:///system?auth=kerberos')).toThrow(/auth must be sasl/);
  });
});
