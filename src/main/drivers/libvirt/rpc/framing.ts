// Message framing and header, per libvirt's src/rpc/virnetprotocol.x:
//   each message = 4-byte big-endian length (counting itself) + virNetMessageHeader + payload.
//   struct virNetMessageHeader { unsigned prog; unsigned vers; int proc;
//                                virNetMessageType type; unsigned serial; virNetMessageStatus status; };

import { XdrReader, XdrWriter } from './xdr';

export const MessageType = {
  CALL: 0,
  REPLY: 1,
  /** Asynchronous notification: events, keepalive. */
  MESSAGE: 2,
  STREAM: 3,
  CALL_WITH_FDS: 4,
  REPLY_WITH_FDS: 5,
  STREAM_HOLE: 6,
} as const;

export const MessageStatus = {
  OK: 0,
  /** Reply payload is a remote_error instead of the procedure's _ret struct. */
  ERROR: 1,
  /** Streams only: more data follows. */
  CONTINUE: 2,
} as const;

const LENGTH_WORD_BYTES = 4;
const HEADER_BYTES = 24;
/**
 * VIR_NET_MESSAGE_MAX is 16 MiB in older libvirt and 32 MiB in newer; we accept the larger,
 * plus the length word, so a big capabilities or domain list never looks corrupt.
 */
const DEFAULT_MAX_FRAME_BYTES = 32 * 1024 * 1024 + LENGTH_WORD_BYTES;

export interface MessageHeader {
  readonly program: number;
  readonly version: number;
  readonly procedure: number;
  readonly type: number;
  readonly serial: number;
  readonly status: number;
}

export interface Message {
  readonly header: MessageHeader;
  readonly payload: Buffer;
}

export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/** A protocol a wrong port commonly answers with, recognised by its first bytes. */
export type ForeignProtocol = 'HTTP' | 'SSH' | 'TLS';

/**
 * The peer's first bytes are no libvirt frame: something else listens there (an HTTP server, sshd).
 * `protocol` names it when its first bytes say so, null when they do not.
 */
export class ForeignPeerError extends FramingError {
  constructor(readonly protocol: ForeignProtocol | null) {
    super(`the peer does not speak libvirt RPC${protocol ? ` (it speaks ${protocol})` : ''}`);
  }
}

/** What a first reply that is no libvirt frame reads as. */
export function foreignProtocolOf(start: Buffer): ForeignProtocol | null {
  const text = start.subarray(0, 8).toString('latin1');
  if (text.startsWith('HTTP/')) return 'HTTP';
  if (text.startsWith('SSH-')) return 'SSH';
  // A TLS record (handshake or alert) with a 3.x version.
  if ((start[0] === 0x16 || start[0] === 0x15) && start[1] === 0x03) return 'TLS';
  return null;
}

function encodeHeader(w: XdrWriter, header: MessageHeader): void {
  w.uint(header.program).uint(header.version).int(header.procedure);
  w.int(header.type).uint(header.serial).int(header.status);
}

function decodeHeader(r: XdrReader): MessageHeader {
  return {
    program: r.uint(),
    version: r.uint(),
    procedure: r.int(),
    type: r.int(),
    serial: r.uint(),
    status: r.int(),
  };
}

/** Builds one complete frame (length word included) ready to write to the transport. */
export function encodeFrame(header: MessageHeader, payload: Uint8Array = Buffer.alloc(0)): Buffer {
  const frame = Buffer.alloc(LENGTH_WORD_BYTES + HEADER_BYTES + payload.length);
  frame.writeUInt32BE(frame.length, 0);
  const headerBytes = new XdrWriter(HEADER_BYTES);
  encodeHeader(headerBytes, header);
  headerBytes.toBuffer().copy(frame, LENGTH_WORD_BYTES);
  frame.set(payload, LENGTH_WORD_BYTES + HEADER_BYTES);
  return frame;
}

/** Parses a frame body (everything after the length word). */
export function decodeMessage(body: Buffer): Message {
  if (body.length < HEADER_BYTES) throw new FramingError(`message of ${body.length} bytes has no header`);
  const header = decodeHeader(new XdrReader(body.subarray(0, HEADER_BYTES)));
  return { header, payload: body.subarray(HEADER_BYTES) };
}

/**
 * Incremental splitter: feed it arbitrary chunks from a byte stream, get back whole frame
 * bodies. Chunks are kept in a list and joined once per frame, so a large frame arriving in
 * many small reads is copied once rather than once per read.
 */
export class FrameSplitter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private frames = 0;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Returns the bodies (without length word) of every frame completed by this chunk. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < LENGTH_WORD_BYTES) break;
      const length = this.peekLength();
      if (length < LENGTH_WORD_BYTES + HEADER_BYTES || length > this.maxFrameBytes) {
        // The very first word already wrong: not a damaged stream but another protocol (review2 F6).
        if (this.frames === 0) throw new ForeignPeerError(foreignProtocolOf(this.take(Math.min(this.buffered, 8), true)));
        throw new FramingError(`invalid frame length ${length}`);
      }
      if (this.buffered < length) break;
      this.frames += 1;
      const frame = this.take(length);
      frames.push(frame.subarray(LENGTH_WORD_BYTES));
    }
    return frames;
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first && first.length >= LENGTH_WORD_BYTES) return first.readUInt32BE(0);
    return this.take(LENGTH_WORD_BYTES, true).readUInt32BE(0);
  }

  /** Removes `length` bytes from the front (or only copies them when peeking). */
  private take(length: number, peek = false): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = joined.subarray(0, length);
    if (!peek) {
      const rest = joined.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    } else {
      this.chunks = [joined];
    }
    return out;
  }
}
