// LibvirtClient: one RPC connection to a libvirt daemon over any transport. It numbers calls,
// matches replies by serial (a few calls in flight, the rest waiting their turn), times calls out, answers and sends
// keepalive pings, dispatches event messages to listeners by procedure, and on any end of
// the connection rejects everything still pending with RpcClientError('CLOSED').

import { CallWindow, DEFAULT_CALLS_AT_DAEMON } from './call-window';
import { decodeLibvirtError, RpcClientError } from './errors';
import { decodeMessage, encodeFrame, FrameSplitter, MessageStatus, MessageType, type Message, type MessageHeader } from './framing';
import { DEFAULT_KEEPALIVE, KeepaliveMonitor, type KeepaliveOptions } from './keepalive';
import { PendingCalls } from './pending-calls';
import {
  KEEPALIVE_PROGRAM,
  KEEPALIVE_PROTOCOL_VERSION,
  KeepaliveProcedure,
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  RemoteProcedure,
} from './procedure-numbers';
import { passThroughCodec, type StreamCodec } from './stream-codec';
import { writeOptionalString } from './structs';
import { type OpenTransportOptions, type Transport, type TransportOpener } from './transport';
import { XdrReader, XdrWriter } from './xdr';

export interface LibvirtClientOptions {
  /** Default per-call timeout in ms; 0 waits forever. Default 60 s. */
  readonly callTimeoutMs?: number;
  /** Our own pings; false disables them (we still answer the daemon's). */
  readonly keepalive?: KeepaliveOptions | false;
  readonly maxFrameBytes?: number;
  /** Calls kept at the daemon at once (see call-window.ts); default 4, below libvirtd's default limit. */
  readonly callsAtDaemon?: number;
  /** Event listeners that throw end up here instead of breaking the read loop. */
  readonly onListenerError?: (error: unknown) => void;
}

export interface CallOptions {
  /** Overrides the client's default; 0 waits forever (e.g. a whole migration). */
  readonly timeoutMs?: number;
  /** Another RPC program of the same daemon (libvirt-qemu's); default the remote program. */
  readonly program?: { readonly id: number; readonly version: number };
  /** Steering a running job (abort, post-copy, downtime): sent before the calls waiting their turn. */
  readonly urgent?: boolean;
}

export type CloseReason =
  | { readonly kind: 'local' }
  | { readonly kind: 'eof' }
  | { readonly kind: 'keepalive-timeout'; readonly missed: number }
  /** Every call the window allows sits at the daemon unanswered past its timeout while others wait. */
  | { readonly kind: 'stalled'; readonly held: number }
  | { readonly kind: 'transport-error'; readonly error: Error }
  | { readonly kind: 'protocol-error'; readonly error: Error };

export type ArgsEncoder = (w: XdrWriter) => void;
export type RetDecoder<T> = (r: XdrReader) => T;
export type RpcEventListener = (payload: XdrReader, header: MessageHeader) => void;

/** virConnectFlags for CONNECT_OPEN. */
export const ConnectFlags = { READONLY: 1 } as const;

export class LibvirtClient {
  private readonly pending: PendingCalls;
  private readonly window: CallWindow;
  private readonly callsAtDaemon: number;
  private readonly splitter: FrameSplitter;
  private readonly eventListeners = new Map<string, Set<RpcEventListener>>();
  private readonly closeListeners = new Set<(reason: CloseReason) => void>();
  private readonly pongWaiters = new Set<(error: Error | null) => void>();
  private readonly keepalive: KeepaliveMonitor | undefined;
  private reason: CloseReason | undefined;
  private codec: StreamCodec = passThroughCodec;
  private readonly counters = { pingsSent: 0, pingsReceived: 0, pongsReceived: 0 };

  /** Opens the transport and wraps it. Does not send CONNECT_OPEN: call open() next. */
  static async connect(opener: TransportOpener, options: LibvirtClientOptions & OpenTransportOptions = {}): Promise<LibvirtClient> {
    return new LibvirtClient(await opener({ signal: options.signal }), options);
  }

  constructor(
    private readonly transport: Transport,
    private readonly options: LibvirtClientOptions = {},
  ) {
    this.splitter = new FrameSplitter(options.maxFrameBytes);
    this.callsAtDaemon = options.callsAtDaemon ?? DEFAULT_CALLS_AT_DAEMON;
    this.window = new CallWindow(this.callsAtDaemon, (serial) => this.pending.has(serial));
    this.pending = new PendingCalls({
      inUse: (serial) => this.window.holds(serial),
      onTimeout: (serial) => {
        this.window.abandon(serial);
        this.dropIfStalled();
      },
    });
    transport.on('data', (chunk: Buffer) => this.onData(chunk));
    transport.on('end', () => this.shutdown({ kind: 'eof' }));
    transport.on('close', () => this.shutdown({ kind: 'eof' }));
    transport.on('error', (error: Error) => this.shutdown({ kind: 'transport-error', error }));
    const keepalive = options.keepalive === undefined ? DEFAULT_KEEPALIVE : options.keepalive;
    if (keepalive) {
      this.keepalive = new KeepaliveMonitor(
        keepalive,
        () => this.sendKeepalive(KeepaliveProcedure.PING),
        (missed) => this.shutdown({ kind: 'keepalive-timeout', missed }),
      );
      this.keepalive.start();
    }
  }

  get closed(): boolean {
    return this.reason !== undefined;
  }

  get closeReason(): CloseReason | undefined {
    return this.reason;
  }

  get pendingCalls(): number {
    return this.pending.size;
  }

  /** Routes every later byte through `codec` (a SASL security layer, once authentication negotiated one). */
  setStreamCodec(codec: StreamCodec): void {
    this.codec = codec;
  }

  /** Keepalive traffic so far, for diagnostics (is the daemon pinging us?). */
  get keepaliveCounters(): Readonly<{ pingsSent: number; pingsReceived: number; pongsReceived: number }> {
    return { ...this.counters };
  }

  /** Calls one procedure of the remote program (or `options.program`) and decodes its reply. */
  call<T = void>(
    procedure: number,
    encodeArgs?: ArgsEncoder | null,
    decodeRet?: RetDecoder<T> | null,
    options: CallOptions = {},
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.reason) return reject(new RpcClientError('CLOSED', `connection closed (${this.reason.kind})`));
      let args: Buffer;
      try {
        const w = new XdrWriter();
        encodeArgs?.(w);
        args = w.toBuffer();
      } catch (error) {
        return reject(error);
      }
      const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? 60_000;
      const serial = this.pending.add(procedure, (error, payload, status) => {
        if (error) return reject(error);
        const r = new XdrReader(payload ?? Buffer.alloc(0));
        try {
          if (status === MessageStatus.ERROR) return reject(decodeLibvirtError(r, procedure));
          const value = decodeRet ? decodeRet(r) : (undefined as T);
          r.expectEnd(`reply to procedure ${procedure}`);
          resolve(value);
        } catch (decodeError) {
          reject(
            new RpcClientError('PROTOCOL', `cannot decode reply to procedure ${procedure}: ${String(decodeError)}`, { cause: decodeError }),
          );
        }
      });
      const header = {
        program: options.program?.id ?? REMOTE_PROGRAM,
        version: options.program?.version ?? REMOTE_PROTOCOL_VERSION,
        procedure,
        type: MessageType.CALL,
        serial,
        status: MessageStatus.OK,
      };
      // The timeout runs from the send: waiting for a place is bounded by the calls ahead (see `stuck`).
      const send = () => {
        this.pending.arm(serial, timeoutMs);
        this.write(encodeFrame(header, args));
      };
      this.window.offer(serial, send, options.urgent);
      this.dropIfStalled();
    });
  }

  /** CONNECT_OPEN: must be the first call. `name` null lets the daemon pick its default driver. */
  open(name: string | null, flags = 0): Promise<void> {
    return this.call(RemoteProcedure.CONNECT_OPEN, (w) => {
      writeOptionalString(w, name);
      w.uint(flags);
    });
  }

  /** CONNECT_CLOSE (best effort, short timeout; not when the daemon holds all the calls it may), then ends the transport. */
  async close(): Promise<void> {
    if (this.reason) return;
    if (this.window.full) return this.shutdown({ kind: 'local' });
    try {
      await this.call(RemoteProcedure.CONNECT_CLOSE, null, null, { timeoutMs: 5_000, urgent: true });
    } catch {
      // The connection is going away either way.
    }
    this.shutdown({ kind: 'local' });
  }

  /** Tears the connection down at once; pending calls reject with CLOSED. */
  destroy(): void {
    this.shutdown({ kind: 'local' });
  }

  /** Sends one keepalive PING and resolves with the round-trip time in ms. */
  ping(timeoutMs = 5_000): Promise<number> {
    const started = Date.now();
    return new Promise<number>((resolve, reject) => {
      if (this.reason) return reject(new RpcClientError('CLOSED', 'connection closed'));
      const timer = setTimeout(() => done(new RpcClientError('TIMEOUT', `no PONG within ${timeoutMs} ms`)), timeoutMs);
      const done = (error: Error | null): void => {
        clearTimeout(timer);
        this.pongWaiters.delete(done);
        if (error) reject(error);
        else resolve(Date.now() - started);
      };
      this.pongWaiters.add(done);
      this.sendKeepalive(KeepaliveProcedure.PING);
    });
  }

  /** Listens for MESSAGE-type packets (events) of one procedure. Returns an unsubscribe function. */
  onEvent(procedure: number, listener: RpcEventListener, program = REMOTE_PROGRAM): () => void {
    const key = `${program}:${procedure}`;
    const listeners = this.eventListeners.get(key) ?? new Set<RpcEventListener>();
    listeners.add(listener);
    this.eventListeners.set(key, listeners);
    return () => listeners.delete(listener);
  }

  /** Called once when the connection ends, whatever the reason. */
  onClose(listener: (reason: CloseReason) => void): () => void {
    if (this.reason) {
      listener(this.reason);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** A call waits while the daemon holds every place past its timeout: nothing here moves again. */
  private dropIfStalled(): void {
    if (this.window.stuck) this.shutdown({ kind: 'stalled', held: this.callsAtDaemon });
  }

  private write(frame: Buffer): void {
    if (!this.reason) this.transport.write(this.codec.encode(frame));
  }

  private sendKeepalive(procedure: number): void {
    if (procedure === KeepaliveProcedure.PING) this.counters.pingsSent += 1;
    const header = {
      program: KEEPALIVE_PROGRAM,
      version: KEEPALIVE_PROTOCOL_VERSION,
      procedure,
      type: MessageType.MESSAGE,
      serial: 0,
      status: MessageStatus.OK,
    };
    this.write(encodeFrame(header));
  }

  private onData(chunk: Buffer): void {
    if (this.reason) return;
    try {
      for (const body of this.splitter.push(this.codec.decode(chunk))) this.onMessage(decodeMessage(body));
    } catch (error) {
      this.shutdown({ kind: 'protocol-error', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  private onMessage(message: Message): void {
    const { header } = message;
    this.keepalive?.noteActivity();
    if (header.program === KEEPALIVE_PROGRAM && header.type === MessageType.MESSAGE) {
      if (header.procedure === KeepaliveProcedure.PING) {
        this.counters.pingsReceived += 1;
        this.sendKeepalive(KeepaliveProcedure.PONG);
      }
      if (header.procedure === KeepaliveProcedure.PONG) {
        this.counters.pongsReceived += 1;
        for (const waiter of [...this.pongWaiters]) waiter(null);
      }
      return;
    }
    if (header.type === MessageType.REPLY) {
      // Unknown serials are replies to calls that already timed out: dropped on purpose.
      this.pending.resolve(header.serial, header.procedure, header.status, message.payload);
      this.window.answered(header.serial);
      return;
    }
    if (header.type === MessageType.MESSAGE) this.dispatchEvent(message);
    // STREAM and *_WITH_FDS messages are not used by this client and are ignored.
  }

  private dispatchEvent({ header, payload }: Message): void {
    for (const listener of [...(this.eventListeners.get(`${header.program}:${header.procedure}`) ?? [])]) {
      try {
        listener(new XdrReader(payload), header);
      } catch (error) {
        this.options.onListenerError?.(error);
      }
    }
  }

  private shutdown(reason: CloseReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.keepalive?.stop();
    const detail = 'error' in reason ? `${reason.kind}: ${reason.error.message}` : reason.kind;
    // The cause stays reachable: a peer that is not libvirtd is told apart from a lost host.
    const error = new RpcClientError('CLOSED', `connection closed (${detail})`, 'error' in reason ? { cause: reason.error } : undefined);
    this.window.clear();
    this.pending.rejectAll(error);
    for (const waiter of [...this.pongWaiters]) waiter(error);
    this.transport.destroy();
    for (const listener of [...this.closeListeners]) listener(reason);
    this.closeListeners.clear();
  }
}
