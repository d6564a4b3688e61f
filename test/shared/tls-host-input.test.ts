// The add-host contract for qemu+tls:// hosts: which URIs are TLS (the form then offers the
// certificate directory), and the directory must be a path main can use.

import { describe, expect, it } from 'vitest';
import { HostConnectionInput } from '../../src/shared/model/inventory';
import { isTlsUri } from '../../src/shared/model/libvirt-uri';

describe('TLS hosts in the add-host contract', () => {
  it.each([
    ['qemu+tls://hv1/system', true],
    ['qemu+tls://10.0.0.5:16600/system?pkipath=/srv/pki', true],
    ['qemu://hv1/system', true], // libvirt reads a host without transport as TLS
    ['qemu:///system', false],
    ['qemu+tcp://hv1/system', false],
    ['qemu+ssh://root@hv1/system', false],
    ['', false],
  ])('%s is TLS: %s', (uri, tls) => {
    expect(isTlsUri(uri)).toBe(tls);
  });

  it('takes an absolute (or ~/) certificate directory and refuses a relative one', () => {
    const base = { uri: 'qemu+tls://hv1/system', clusterName: 'c' };
    expect(HostConnectionInput.safeParse({ ...base, pkiDir: '/etc/ferry/pki/hv1' }).success).toBe(true);
    expect(HostConnectionInput.safeParse({ ...base, pkiDir: '~/.pki/hv1' }).success).toBe(true);
    expect(HostConnectionInput.safeParse({ ...base }).success).toBe(true);
    expect(HostConnectionInput.safeParse({ ...base, pkiDir: 'pki/hv1' }).success).toBe(false);
    expect(HostConnectionInput.safeParse({ ...base, pkiDir: '' }).success).toBe(false);
  });
});
