// XDR (RFC 4506), the wire encoding of every libvirt RPC message: reader, writer and helpers.
// Number policy: 64-bit values decode to bigint; see xdr-primitives.ts and README.md.

import { XdrWriter } from './xdr-writer';

export { toSafeNumber, XdrError } from './xdr-primitives';
export { XdrReader } from './xdr-reader';
export { XdrWriter } from './xdr-writer';

/** Encodes a value with one writer function: handy for tests and call arguments. */
export function encodeXdr(write: (w: XdrWriter) => void): Buffer {
  const writer = new XdrWriter();
  write(writer);
  return writer.toBuffer();
}
