// XDR encoder: appends big-endian, 4-byte aligned values to a growing buffer (RFC 4506).

import { padding, UINT32_MAX, XdrError } from './xdr-primitives';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

export class XdrWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialSize = 256) {
    this.buffer = Buffer.alloc(initialSize);
  }

  /** The bytes written so far (a copy, safe to keep). */
  toBuffer(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }

  /** Grows the buffer if needed; callers must read `this.buffer` only after calling this. */
  private reserve(bytes: number): number {
    const needed = this.length + bytes;
    if (needed > this.buffer.length) {
      const grown = Buffer.alloc(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    const at = this.length;
    this.length = needed;
    return at;
  }

  int(value: number): this {
    if (!Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) {
      throw new XdrError(`int out of range: ${value}`);
    }
    const at = this.reserve(4);
    this.buffer.writeInt32BE(value, at);
    return this;
  }

  uint(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
      throw new XdrError(`unsigned int out of range: ${value}`);
    }
    const at = this.reserve(4);
    this.buffer.writeUInt32BE(value, at);
    return this;
  }

  hyper(value: number | bigint): this {
    const big = toBigInt(value);
    if (big < INT64_MIN || big > INT64_MAX) throw new XdrError(`hyper out of range: ${big}`);
    const at = this.reserve(8);
    this.buffer.writeBigInt64BE(big, at);
    return this;
  }

  uhyper(value: number | bigint): this {
    const big = toBigInt(value);
    if (big < 0n || big > UINT64_MAX) throw new XdrError(`unsigned hyper out of range: ${big}`);
    const at = this.reserve(8);
    this.buffer.writeBigUInt64BE(big, at);
    return this;
  }

  bool(value: boolean): this {
    return this.int(value ? 1 : 0);
  }

  double(value: number): this {
    const at = this.reserve(8);
    this.buffer.writeDoubleBE(value, at);
    return this;
  }

  /** Fixed-length opaque: exactly `length` bytes plus padding, no length word. */
  opaqueFixed(bytes: Uint8Array, length: number): this {
    if (bytes.length !== length) throw new XdrError(`opaque[${length}] given ${bytes.length} bytes`);
    const at = this.reserve(length + padding(length));
    this.buffer.set(bytes, at);
    this.buffer.fill(0, at + length, at + length + padding(length));
    return this;
  }

  /** Variable-length opaque: length word, bytes, padding. */
  opaque(bytes: Uint8Array, max = UINT32_MAX): this {
    if (bytes.length > max) throw new XdrError(`opaque of ${bytes.length} bytes exceeds ${max}`);
    this.uint(bytes.length);
    return this.opaqueFixed(bytes, bytes.length);
  }

  /**
   * Variable-length `char x<max>` as rpcgen sends it (NOT opaque): a count word, then one 4-byte
   * big-endian word per byte. libvirt's SASL data travels this way.
   */
  charArray(bytes: Uint8Array, max = UINT32_MAX): this {
    if (bytes.length > max) throw new XdrError(`char array of ${bytes.length} bytes exceeds ${max}`);
    this.uint(bytes.length);
    const at = this.reserve(bytes.length * 4);
    bytes.forEach((byte, i) => this.buffer.writeInt32BE(byte, at + i * 4));
    return this;
  }

  string(value: string, max = UINT32_MAX): this {
    const bytes = Buffer.from(value, 'utf8');
    if (bytes.length > max) throw new XdrError(`string of ${bytes.length} bytes exceeds ${max}`);
    return this.opaque(bytes);
  }

  /** Optional data (`T *x`): a bool "present" word, then the value when present. */
  optional<T>(value: T | null | undefined, write: (w: XdrWriter, v: T) => void): this {
    if (value === null || value === undefined) return this.bool(false);
    this.bool(true);
    write(this, value);
    return this;
  }

  /** Variable-length array (`T x<max>`): count word, then each element. */
  array<T>(items: readonly T[], write: (w: XdrWriter, v: T) => void, max = UINT32_MAX): this {
    if (items.length > max) throw new XdrError(`array of ${items.length} exceeds ${max}`);
    this.uint(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  /** Fixed-length array (`T x[n]`): no count word. */
  fixedArray<T>(items: readonly T[], length: number, write: (w: XdrWriter, v: T) => void): this {
    if (items.length !== length) throw new XdrError(`array[${length}] given ${items.length} items`);
    for (const item of items) write(this, item);
    return this;
  }

  /** Discriminated union: the discriminant word, then the arm written by `writeArm`. */
  union(discriminant: number, writeArm: (w: XdrWriter) => void): this {
    this.int(discriminant);
    writeArm(this);
    return this;
  }
}

function toBigInt(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new XdrError(`not a safe integer: ${value}`);
  return BigInt(value);
}
