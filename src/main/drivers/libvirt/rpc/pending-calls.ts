// The table of calls waiting for their REPLY, keyed by serial. libvirtd runs calls on a pool
// of worker threads, so replies come back in any order; the serial is the only link.

import { RpcClientError } from './errors';

type Settle = (error: Error | null, payload?: Buffer, status?: number) => void;

interface PendingCall {
  readonly procedure: number;
  readonly settle: Settle;
  timer: NodeJS.Timeout | undefined;
}

export interface PendingCallsOptions {
  /** A serial the daemon may still answer (a call that timed out there): not reused. */
  readonly inUse?: (serial: number) => boolean;
  /** Called after a call timed out and its caller was told. */
  readonly onTimeout?: (serial: number) => void;
}

export class PendingCalls {
  private readonly calls = new Map<number, PendingCall>();
  private lastSerial = 0;

  constructor(private readonly options: PendingCallsOptions = {}) {}

  get size(): number {
    return this.calls.size;
  }

  has(serial: number): boolean {
    return this.calls.has(serial);
  }

  /** Reserves a serial (unsigned 32-bit, wrapping, skipping ones still in use). Its timeout starts with `arm`. */
  add(procedure: number, settle: Settle): number {
    let serial = this.lastSerial;
    do {
      serial = (serial + 1) >>> 0;
    } while (serial === 0 || this.calls.has(serial) || this.options.inUse?.(serial));
    this.lastSerial = serial;
    this.calls.set(serial, { procedure, settle, timer: undefined });
    return serial;
  }

  /** Starts a call's timeout, once it is sent (0: none, e.g. a whole migration). */
  arm(serial: number, timeoutMs: number): void {
    const call = this.calls.get(serial);
    if (!call || timeoutMs <= 0) return;
    call.timer = setTimeout(() => {
      // The serial is simply forgotten: a late reply is recognised as unknown and dropped.
      this.calls.delete(serial);
      call.settle(new RpcClientError('TIMEOUT', `procedure ${call.procedure} got no reply within ${timeoutMs} ms`));
      this.options.onTimeout?.(serial);
    }, timeoutMs);
  }

  /** Hands a reply to its caller; false when no call waits for this serial. */
  resolve(serial: number, procedure: number, status: number, payload: Buffer): boolean {
    const call = this.take(serial);
    if (!call) return false;
    if (call.procedure !== procedure) {
      call.settle(new RpcClientError('PROTOCOL', `reply for serial ${serial} names procedure ${procedure}, expected ${call.procedure}`));
    } else {
      call.settle(null, payload, status);
    }
    return true;
  }

  reject(serial: number, error: Error): void {
    this.take(serial)?.settle(error);
  }

  rejectAll(error: Error): void {
    for (const serial of [...this.calls.keys()]) this.reject(serial, error);
  }

  private take(serial: number): PendingCall | undefined {
    const call = this.calls.get(serial);
    if (!call) return undefined;
    this.calls.delete(serial);
    if (call.timer) clearTimeout(call.timer);
    return call;
  }
}
