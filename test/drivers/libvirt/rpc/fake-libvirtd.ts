// An in-process fake libvirt daemon speaking the real wire format, for client tests.
// Handlers are registered per procedure and may reply at once, later, out of order, or never.

import { Duplex } from 'node:stream';
import { afterEach } from 'vitest';
import {
  decodeMessage,
  encodeFrame,
  FrameSplitter,
  KEEPALIVE_PROGRAM,
  KEEPALIVE_PROTOCOL_VERSION,
  KeepaliveProcedure,
  LibvirtClient,
  MessageStatus,
  MessageType,
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  RemoteProcedure,
  writeOptionalString,
  XdrReader,
  XdrWriter,
  type DomainRef,
  type MessageHeader,
} from '../../../../src/main/drivers/libvirt/rpc';

export interface FakeCall {
  readonly header: MessageHeader;
  readonly args: XdrReader;
  reply(write?: (w: XdrWriter) => void): void;
  /** `domain` is the virErrorDomain (default 10, VIR_FROM_QEMU). */
  fail(code: number, message: string, domain?: number): void;
}

export type FakeHandler = (call: FakeCall) => void;

export class FakeLibvirtd {
  readonly calls: MessageHeader[] = [];
  readonly handlers = new Map<number, FakeHandler>();
  answerPings = true;
  pongs = 0;
  pings = 0;
  private readonly splitter = new FrameSplitter();

  constructor(readonly stream: Duplex) {
    // Like a daemon whose socket has auth "none"; auth tests override it.
    this.handlers.set(RemoteProcedure.AUTH_LIST, (call) => call.reply((w) => w.array([0], (x, v) => x.int(v))));
    stream.on('data', (chunk: Buffer) => {
      for (const body of this.splitter.push(chunk)) {
        const { header, payload } = decodeMessage(body);
        this.onMessage(header, payload);
      }
    });
    stream.on('error', () => undefined);
  }

  on(procedure: number, handler: FakeHandler): this {
    this.handlers.set(procedure, handler);
    return this;
  }

  /** Replies with an empty body to every procedure without a handler. */
  replyEmptyByDefault = true;

  sendEvent(procedure: number, write: (w: XdrWriter) => void): void {
    const w = new XdrWriter();
    write(w);
    this.send(
      {
        program: REMOTE_PROGRAM,
        version: REMOTE_PROTOCOL_VERSION,
        procedure,
        type: MessageType.MESSAGE,
        serial: 0,
        status: MessageStatus.OK,
      },
      w.toBuffer(),
    );
  }

  sendPing(): void {
    this.send({
      program: KEEPALIVE_PROGRAM,
      version: KEEPALIVE_PROTOCOL_VERSION,
      procedure: KeepaliveProcedure.PING,
      type: MessageType.MESSAGE,
      serial: 0,
      status: MessageStatus.OK,
    });
  }

  sendRaw(bytes: Buffer): void {
    this.stream.write(bytes);
  }

  close(): void {
    this.stream.end();
    this.stream.destroy();
  }

  private send(header: MessageHeader, payload?: Buffer): void {
    if (!this.stream.destroyed) this.stream.write(encodeFrame(header, payload));
  }

  private onMessage(header: MessageHeader, payload: Buffer): void {
    if (header.program === KEEPALIVE_PROGRAM) {
      if (header.procedure === KeepaliveProcedure.PONG) this.pongs += 1;
      if (header.procedure === KeepaliveProcedure.PING) {
        this.pings += 1;
        if (this.answerPings) this.send({ ...header, procedure: KeepaliveProcedure.PONG });
      }
      return;
    }
    this.calls.push(header);
    const replyHeader = { ...header, type: MessageType.REPLY };
    const call: FakeCall = {
      header,
      args: new XdrReader(payload),
      reply: (write) => {
        const w = new XdrWriter();
        write?.(w);
        this.send({ ...replyHeader, status: MessageStatus.OK }, w.toBuffer());
      },
      fail: (code, message, domain = 10) => {
        const w = new XdrWriter();
        w.int(code).int(domain);
        writeOptionalString(w, message);
        w.int(2).optional(null, () => undefined);
        writeOptionalString(w, null);
        writeOptionalString(w, null);
        writeOptionalString(w, null);
        w.int(0)
          .int(0)
          .optional(null, () => undefined);
        this.send({ ...replyHeader, status: MessageStatus.ERROR }, w.toBuffer());
      },
    };
    const handler = this.handlers.get(header.procedure);
    if (handler) handler(call);
    else if (this.replyEmptyByDefault) call.reply();
  }
}

/** Two connected in-memory duplex streams: what one writes, the other reads. */
export function duplexPair(): [Duplex, Duplex] {
  const sides: Duplex[] = [];
  const make = (peer: () => Duplex): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        peer().push(chunk);
        callback();
      },
      final(callback) {
        peer().push(null);
        callback();
      },
      destroy(error, callback) {
        const other = peer();
        if (!other.readableEnded) other.push(null);
        callback(error);
      },
    });
  sides.push(
    make(() => sides[1]!),
    make(() => sides[0]!),
  );
  return [sides[0]!, sides[1]!];
}

/** The guest the procedure tests talk about. */
export const testVm: DomainRef = { name: 'vm1', uuid: '6f1d2c3b-4a59-4e8f-9d0c-1b2a3c4d5e6f', id: 4 };

/**
 * For one test file: a client (no keepalive) wired to a fresh fake daemon per call; every client
 * is destroyed after each test.
 */
export function useFakeDaemon(): () => { client: LibvirtClient; server: FakeLibvirtd } {
  const clients: LibvirtClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  return () => {
    const [a, b] = duplexPair();
    const client = new LibvirtClient(a, { keepalive: false });
    clients.push(client);
    return { client, server: new FakeLibvirtd(b) };
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `predicate` holds or fails after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
