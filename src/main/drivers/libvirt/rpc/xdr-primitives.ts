// XDR (RFC 4506) building blocks shared by the reader and writer.
//
// Number policy: 32-bit types are JS numbers. 64-bit types (hyper, unsigned hyper) always
// decode to bigint so nothing is lost on the wire; writers accept number | bigint. The typed
// API layer above converts to number only where a value provably fits (see README.md).

export class XdrError extends Error {
  override readonly name = 'XdrError';
}

export const UINT32_MAX = 0xffff_ffff;

/** Bytes of zero padding that round `length` up to a multiple of 4. */
export function padding(length: number): number {
  return (4 - (length % 4)) % 4;
}

/** Converts a decoded 64-bit value to number, refusing silent precision loss. */
export function toSafeNumber(value: bigint, what = 'value'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new XdrError(`${what} ${value} does not fit in a JS number`);
  }
  return Number(value);
}
