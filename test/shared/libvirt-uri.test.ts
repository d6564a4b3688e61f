// Bug 7 of issue 14: `esxi://` was reported as transport "tls". A scheme Ferry cannot reach is a
// typed refusal (which kind, and what to use instead), in the form, the contract and the driver.

import { describe, expect, it } from 'vitest';
import { LibvirtUriError, parseLibvirtUri } from '../../src/main/drivers/libvirt/rpc/uri';
import { HostConnectionInput } from '../../src/shared/model/inventory';
import { isLocalSocketUri, isTlsUri, libvirtUriShape } from '../../src/shared/model/libvirt-uri';

describe('libvirt URIs Ferry can use', () => {
  it.each([
    ['qemu+ssh://root@hv1/system', 'ssh'],
    ['qemu+tls://hv1/system', 'tls'],
    ['qemu://hv1/system', 'tls'],
    ['qemu+tcp://hv1:16509/system', 'tcp'],
    ['qemu:///system', 'unix'],
    ['qemu+unix:///system?socket=/run/x', 'unix'],
  ])('%s is reached over %s', (uri, transport) => {
    expect(libvirtUriShape(uri)).toMatchObject({ ok: true, transport });
  });

  it.each([
    ['esxi://vcenter.example/', 'UNSUPPORTED_DRIVER', /not a libvirt driver Ferry can reach/],
    ['esx://esx1.example/?no_verify=1', 'UNSUPPORTED_DRIVER', /VMware ESXi.*without a libvirt daemon/],
    ['vpx://vc.example/DC1/esx1', 'UNSUPPORTED_DRIVER', /VMware vCenter/],
    ['hyperv://hv.example/', 'UNSUPPORTED_DRIVER', /Hyper-V/],
    ['qemu+libssh2://hv1/system', 'UNSUPPORTED_TRANSPORT', /libssh2 transport is not one Ferry speaks/],
    ['qemu+carrier://hv1/system', 'UNSUPPORTED_TRANSPORT', /carrier is not a libvirt transport/],
    ['not a uri', 'INVALID_SYNTAX', /not a libvirt URI/],
  ])('%s is refused as %s, never given a transport', (uri, kind, message) => {
    const shape = libvirtUriShape(uri);
    expect(shape).toMatchObject({ ok: false, kind });
    expect(shape.ok ? '' : shape.message).toMatch(message);
    expect(isTlsUri(uri)).toBe(false);
    expect(isLocalSocketUri(uri)).toBe(false);
  });

  it('the add-host contract refuses esxi:// with the reason, and the driver refuses it by kind', () => {
    const parsed = HostConnectionInput.safeParse({ uri: 'esxi://vcenter.example/', clusterName: 'c' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/esxi:\/\/ is not a libvirt driver/);
    expect(() => parseLibvirtUri('esxi://vcenter.example/')).toThrow(LibvirtUriError);
    try {
      parseLibvirtUri('esx://esx1.example/');
    } catch (error) {
      expect((error as LibvirtUriError).kind).toBe('UNSUPPORTED_DRIVER');
    }
    expect(parseLibvirtUri('qemu+tls://hv1/system').transport).toBe('tls');
  });
});

// New-user review 9, 5: a port past 65535 read "malformed URI (its host, port or brackets cannot be read)".
describe('a port out of range', () => {
  it.each(['qemu+tcp://127.0.0.1:99999/system', 'qemu+ssh://root@h:0/system'])('%s is refused naming the ports that exist', (uri) => {
    const shape = libvirtUriShape(uri);
    expect(shape).toMatchObject({ ok: false, kind: 'INVALID_SYNTAX' });
    expect(shape.ok ? '' : shape.message).toMatch(/port (99999|0) is not one of 1–65535/);
  });
});
