// The seam between the RPC framing and the byte stream. Every byte the client writes goes through
// `encode` and every byte it reads through `decode` before framing. Today only the pass-through
// exists (SCRAM, or anything over unix/ssh/TLS, negotiates no SASL security layer); a SASL layer
// such as DIGEST-MD5 auth-conf would be one more codec, set once authentication completes.

export interface StreamCodec {
  /** Plain RPC bytes → what goes on the wire. */
  encode(plain: Buffer): Buffer;
  /** Wire bytes → plain RPC bytes (possibly none yet, possibly several frames at once). */
  decode(wire: Buffer): Buffer;
}

export const passThroughCodec: StreamCodec = {
  encode: (plain) => plain,
  decode: (wire) => wire,
};
