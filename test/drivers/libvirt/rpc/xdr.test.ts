import { describe, it, expect } from 'vitest';
import {
  encodeXdr,
  readTypedParam,
  toSafeNumber,
  typedParam,
  writeTypedParam,
  XdrError,
  XdrReader,
  XdrWriter,
  type TypedParam,
} from '../../../../src/main/drivers/libvirt/rpc';

const hex = (write: (w: XdrWriter) => void): string => encodeXdr(write).toString('hex');
const reader = (h: string): XdrReader => new XdrReader(Buffer.from(h.replace(/\s/g, ''), 'hex'));

describe('XDR known byte vectors (hand-computed)', () => {
  it.each([
    ['int 1', (w: XdrWriter) => w.int(1), '00000001'],
    ['int -1', (w: XdrWriter) => w.int(-1), 'ffffffff'],
    ['int min', (w: XdrWriter) => w.int(-2147483648), '80000000'],
    ['uint max', (w: XdrWriter) => w.uint(0xffffffff), 'ffffffff'],
    ['hyper -2', (w: XdrWriter) => w.hyper(-2n), 'fffffffffffffffe'],
    ['uhyper 2^32', (w: XdrWriter) => w.uhyper(2 ** 32), '0000000100000000'],
    ['uhyper max', (w: XdrWriter) => w.uhyper((1n << 64n) - 1n), 'ffffffffffffffff'],
    ['bool true', (w: XdrWriter) => w.bool(true), '00000001'],
    ['double 1.5', (w: XdrWriter) => w.double(1.5), '3ff8000000000000'],
    ['string "abc" (1 pad byte)', (w: XdrWriter) => w.string('abc'), '00000003' + '61626300'],
    ['string "abcd" (no pad)', (w: XdrWriter) => w.string('abcd'), '00000004' + '61626364'],
    ['empty string', (w: XdrWriter) => w.string(''), '00000000'],
    ['utf-8 "é" counts bytes', (w: XdrWriter) => w.string('é'), '00000002' + 'c3a90000'],
    ['opaque 5 bytes', (w: XdrWriter) => w.opaque(Buffer.from('0102030405', 'hex')), '00000005' + '0102030405000000'],
    ['fixed opaque 3', (w: XdrWriter) => w.opaqueFixed(Buffer.from('aabbcc', 'hex'), 3), 'aabbcc00'],
    ['optional absent', (w: XdrWriter) => w.optional(null, (x, v: number) => x.int(v)), '00000000'],
    ['optional present', (w: XdrWriter) => w.optional(7, (x, v) => x.int(v)), '00000001' + '00000007'],
    ['array of 2 ints', (w: XdrWriter) => w.array([1, 2], (x, v) => x.int(v)), '00000002' + '00000001' + '00000002'],
    ['fixed array (no count)', (w: XdrWriter) => w.fixedArray([1, 2], 2, (x, v) => x.uint(v)), '00000001' + '00000002'],
    ['union arm 3 with hyper', (w: XdrWriter) => w.union(3, (x) => x.hyper(5)), '00000003' + '0000000000000005'],
  ])('%s', (_name, write, expected) => {
    expect(hex(write)).toBe(expected);
  });
});

describe('XDR round trips', () => {
  it('reads back what it wrote, in order', () => {
    const bytes = encodeXdr((w) => {
      w.int(-42)
        .uint(42)
        .hyper(-(1n << 62n))
        .uhyper(1n << 63n)
        .bool(false)
        .double(-0.25);
      w.string('héllo wörld')
        .opaque(Buffer.from([1, 2, 3]))
        .opaqueFixed(Buffer.alloc(16, 9), 16);
      w.optional('x', (x, v) => x.string(v)).optional(null, (x, v: string) => x.string(v));
      w.array(['a', 'bb', 'ccc'], (x, v) => x.string(v));
      w.union(2, (x) => x.string('arm'));
    });
    expect(bytes.length % 4).toBe(0);
    const r = new XdrReader(bytes);
    expect(r.int()).toBe(-42);
    expect(r.uint()).toBe(42);
    expect(r.hyper()).toBe(-(1n << 62n));
    expect(r.uhyper()).toBe(1n << 63n);
    expect(r.bool()).toBe(false);
    expect(r.double()).toBe(-0.25);
    expect(r.string()).toBe('héllo wörld');
    expect([...r.opaque()]).toEqual([1, 2, 3]);
    expect(r.opaqueFixed(16)).toEqual(Buffer.alloc(16, 9));
    expect(r.optional((x) => x.string())).toBe('x');
    expect(r.optional((x) => x.string())).toBeNull();
    expect(r.array((x) => x.string())).toEqual(['a', 'bb', 'ccc']);
    expect(r.union({ 1: () => 'one', 2: (x) => x.string() })).toBe('arm');
    r.expectEnd();
  });

  it('grows its buffer past the initial size', () => {
    const w = new XdrWriter(4);
    for (let i = 0; i < 1000; i += 1) w.uint(i);
    const r = new XdrReader(w.toBuffer());
    expect(r.fixedArray(1000, (x) => x.uint())[999]).toBe(999);
  });
});

describe('XDR rejects bad input', () => {
  it.each([
    ['reading past the end', () => reader('000000').int()],
    ['bool other than 0/1', () => reader('00000002').bool()],
    ['array count larger than the message', () => reader('7fffffff').array((x) => x.int())],
    ['array count above max', () => reader('00000003 00000001 00000002 00000003').array((x) => x.int(), 2)],
    ['string above max', () => reader('00000005 6162636465000000').string(4)],
    ['unknown union arm', () => reader('00000009').union({ 1: (x) => x.int() })],
    ['leftover bytes', () => reader('00000001').expectEnd()],
    ['int out of range', () => new XdrWriter().int(2 ** 31)],
    ['uint negative', () => new XdrWriter().uint(-1)],
    ['uhyper negative', () => new XdrWriter().uhyper(-1n)],
    ['unsafe number for hyper', () => new XdrWriter().hyper(2 ** 60)],
    ['fixed opaque of wrong size', () => new XdrWriter().opaqueFixed(Buffer.alloc(3), 4)],
  ])('%s', (_name, act) => {
    expect(act).toThrow(XdrError);
  });

  it('toSafeNumber refuses precision loss', () => {
    expect(toSafeNumber(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeNumber(2n ** 53n + 1n, 'bytes')).toThrow(/bytes/);
  });
});

describe('typed parameters (remote_typed_param)', () => {
  it('encodes an ULLONG param to the documented bytes', () => {
    // field "bandwidth" (9 bytes + 3 pad), discriminant VIR_TYPED_PARAM_ULLONG = 4, value 100
    expect(hex((w) => writeTypedParam(w, typedParam.ullong('bandwidth', 100)))).toBe(
      '00000009' + '62616e647769647468000000' + '00000004' + '0000000000000064',
    );
  });

  it('encodes a BOOLEAN as an int arm and a STRING as a string arm', () => {
    expect(hex((w) => writeTypedParam(w, typedParam.boolean('ok', true)))).toBe('00000002' + '6f6b0000' + '00000006' + '00000001');
    expect(hex((w) => writeTypedParam(w, typedParam.string('u', 'tcp')))).toBe(
      '00000001' + '75000000' + '00000007' + '00000003' + '74637000',
    );
  });

  const all: TypedParam[] = [
    typedParam.int('i', -5),
    typedParam.uint('ui', 4_000_000_000),
    typedParam.llong('l', -(1n << 40n)),
    typedParam.ullong('ul', (1n << 64n) - 1n),
    typedParam.double('d', 0.125),
    typedParam.boolean('b', false),
    typedParam.string('s', 'migrate_uri://x'),
  ];

  it.each(all)('round trips $value.type', (param) => {
    const r = new XdrReader(encodeXdr((w) => writeTypedParam(w, param)));
    expect(readTypedParam(r)).toEqual(param);
    r.expectEnd();
  });

  it('rejects an unknown type and an over-long field name', () => {
    expect(() => readTypedParam(reader('00000001 61000000 00000063'))).toThrow(XdrError);
    expect(() => encodeXdr((w) => writeTypedParam(w, typedParam.int('x'.repeat(80), 1)))).toThrow(/too long/);
  });
});
