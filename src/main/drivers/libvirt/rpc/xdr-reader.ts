// XDR decoder: reads values in wire order and checks every length against the bytes left,
// so a corrupt or hostile message fails cleanly instead of allocating wildly (RFC 4506).

import { padding, UINT32_MAX, XdrError } from './xdr-primitives';

export class XdrReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  /** Fails when bytes are left over: a sign that our struct layout disagrees with the peer. */
  expectEnd(what = 'message'): void {
    if (this.remaining !== 0) throw new XdrError(`${this.remaining} unread bytes after ${what}`);
  }

  private take(bytes: number): number {
    if (bytes > this.remaining) {
      throw new XdrError(`need ${bytes} bytes at offset ${this.offset}, have ${this.remaining}`);
    }
    const at = this.offset;
    this.offset += bytes;
    return at;
  }

  int(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  uint(): number {
    return this.buffer.readUInt32BE(this.take(4));
  }

  hyper(): bigint {
    return this.buffer.readBigInt64BE(this.take(8));
  }

  uhyper(): bigint {
    return this.buffer.readBigUInt64BE(this.take(8));
  }

  bool(): boolean {
    const value = this.int();
    if (value !== 0 && value !== 1) throw new XdrError(`bool must be 0 or 1, got ${value}`);
    return value === 1;
  }

  double(): number {
    return this.buffer.readDoubleBE(this.take(8));
  }

  opaqueFixed(length: number): Buffer {
    const at = this.take(length + padding(length));
    return Buffer.from(this.buffer.subarray(at, at + length));
  }

  opaque(max = UINT32_MAX): Buffer {
    const length = this.uint();
    if (length > max) throw new XdrError(`opaque length ${length} exceeds ${max}`);
    return this.opaqueFixed(length);
  }

  /** `char x<max>` (see XdrWriter.charArray): one word per byte; the sender may sign-extend, so keep the low 8 bits. */
  charArray(max = UINT32_MAX): Buffer {
    const length = this.uint();
    if (length > max) throw new XdrError(`char array length ${length} exceeds ${max}`);
    const at = this.take(length * 4);
    return Buffer.from(Array.from({ length }, (_, i) => this.buffer.readUInt32BE(at + i * 4) & 0xff));
  }

  string(max = UINT32_MAX): string {
    return this.opaque(max).toString('utf8');
  }

  optional<T>(read: (r: XdrReader) => T): T | null {
    return this.bool() ? read(this) : null;
  }

  array<T>(read: (r: XdrReader) => T, max = UINT32_MAX): T[] {
    const count = this.uint();
    if (count > max) throw new XdrError(`array length ${count} exceeds ${max}`);
    // Each element takes at least 4 bytes: refuse counts the buffer cannot hold.
    if (count * 4 > this.remaining) throw new XdrError(`array length ${count} exceeds message`);
    return Array.from({ length: count }, () => read(this));
  }

  fixedArray<T>(length: number, read: (r: XdrReader) => T): T[] {
    return Array.from({ length }, () => read(this));
  }

  /** Reads the discriminant and dispatches to its arm; unknown arms are an error. */
  union<T>(arms: Readonly<Record<number, (r: XdrReader) => T>>): T {
    const discriminant = this.int();
    const arm = arms[discriminant];
    if (!arm) throw new XdrError(`unknown union discriminant ${discriminant}`);
    return arm(this);
  }
}
