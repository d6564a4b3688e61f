import { describe, it, expect } from 'vitest';
import {
  decodeLibvirtError,
  encodeXdr,
  isLibvirtError,
  LibvirtError,
  libvirtErrorCodeFromNumber,
  libvirtErrorNumber,
  writeDomainRef,
  writeOptionalString,
  XdrReader,
} from '../../../../src/main/drivers/libvirt/rpc';

describe('remote_error decoding', () => {
  it('decodes a hand-computed NO_DOMAIN error', () => {
    const bytes = Buffer.from(
      [
        '0000002a', // code 42 = VIR_ERR_NO_DOMAIN
        '0000000a', // domain 10 = VIR_FROM_QEMU
        '00000001',
        '00000004',
        '676f6e65', // message: present, "gone"
        '00000002', // level ERROR
        '00000000', // dom: absent
        '00000001',
        '00000003',
        '766d3100', // str1: "vm1"
        '00000000', // str2: absent
        '00000000', // str3: absent
        'ffffffff', // int1 -1
        '00000000', // int2 0
        '00000000', // net: absent
      ].join(''),
      'hex',
    );
    const r = new XdrReader(bytes);
    const error = decodeLibvirtError(r, 23);
    r.expectEnd();
    expect(error).toBeInstanceOf(LibvirtError);
    expect(error.code).toBe('NO_DOMAIN');
    expect(error.rawCode).toBe(42);
    expect(error.errorDomain).toBe(10);
    expect(error.level).toBe('ERROR');
    expect(error.message).toBe('gone');
    expect(error.procedure).toBe(23);
    expect(error.fields).toMatchObject({ str1: 'vm1', str2: null, str3: null, int1: -1, int2: 0, dom: null, net: null });
  });

  it('keeps the raw number of codes it does not name and decodes an attached domain', () => {
    const bytes = encodeXdr((w) => {
      w.int(9999).int(0);
      writeOptionalString(w, null);
      w.int(7); // a level we do not know
      w.optional({ name: 'vm', uuid: '00112233-4455-6677-8899-aabbccddeeff', id: 3 }, writeDomainRef);
      writeOptionalString(w, null);
      writeOptionalString(w, null);
      writeOptionalString(w, null);
      w.int(0).int(0).bool(false);
    });
    const error = decodeLibvirtError(new XdrReader(bytes));
    expect(error.code).toBe('UNKNOWN');
    expect(error.rawCode).toBe(9999);
    expect(error.level).toBe('UNKNOWN');
    expect(error.message).toBe('libvirt error 9999');
    expect(error.fields.dom).toEqual({ name: 'vm', uuid: '00112233-4455-6677-8899-aabbccddeeff', id: 3 });
  });

  it.each([
    ['NO_SUPPORT', 3],
    ['NO_CONNECT', 5],
    ['INVALID_ARG', 8],
    ['OPERATION_FAILED', 9],
    ['SYSTEM_ERROR', 38],
    ['RPC', 39],
    ['NO_DOMAIN', 42],
    ['AUTH_FAILED', 45],
    ['OPERATION_INVALID', 55],
    ['OPERATION_TIMEOUT', 68],
    ['ARGUMENT_UNSUPPORTED', 74],
    ['OPERATION_ABORTED', 78],
    ['MIGRATE_UNSAFE', 81],
    ['OPERATION_UNSUPPORTED', 84],
    ['CPU_INCOMPATIBLE', 91],
  ] as const)('maps %s <-> %i (virterror.h)', (code, number) => {
    expect(libvirtErrorCodeFromNumber(number)).toBe(code);
    expect(libvirtErrorNumber(code)).toBe(number);
  });

  it('isLibvirtError narrows by code', () => {
    const error = decodeLibvirtError(
      new XdrReader(
        encodeXdr((w) => {
          w.int(55).int(0).bool(false).int(2).bool(false).bool(false).bool(false).bool(false).int(0).int(0).bool(false);
        }),
      ),
    );
    expect(isLibvirtError(error)).toBe(true);
    expect(isLibvirtError(error, 'OPERATION_INVALID')).toBe(true);
    expect(isLibvirtError(error, 'NO_DOMAIN')).toBe(false);
    expect(isLibvirtError(new Error('x'))).toBe(false);
  });
});
