// Dead-peer detection with libvirt's keepalive program (src/rpc/virkeepaliveprotocol.x).
// PING and PONG are VIR_NET_MESSAGE messages of program KEEPALIVE_PROGRAM with no payload.
// Like libvirt's own client, we only ping when the connection has been silent for a whole
// interval, and give up after `maxMissed` pings went unanswered: any incoming message counts
// as a sign of life, not just PONG.

export interface KeepaliveOptions {
  /** Silence that triggers a PING. libvirtd's own default is 5 s. */
  readonly intervalMs: number;
  /** PINGs in a row without any reply before the peer is declared dead. libvirtd uses 5. */
  readonly maxMissed: number;
}

export const DEFAULT_KEEPALIVE: KeepaliveOptions = { intervalMs: 5_000, maxMissed: 5 };

export class KeepaliveMonitor {
  private timer: NodeJS.Timeout | undefined;
  private lastActivity = Date.now();
  private missed = 0;

  constructor(
    private readonly options: KeepaliveOptions,
    private readonly sendPing: () => void,
    private readonly onDead: (missed: number) => void,
  ) {
    if (!(options.intervalMs > 0) || !(options.maxMissed >= 1)) {
      throw new RangeError('keepalive needs intervalMs > 0 and maxMissed >= 1');
    }
  }

  start(): void {
    if (this.timer) return;
    this.lastActivity = Date.now();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    // Keepalive alone must not keep the process running.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Call for every message received from the peer. */
  noteActivity(): void {
    this.lastActivity = Date.now();
    this.missed = 0;
  }

  private tick(): void {
    if (Date.now() - this.lastActivity < this.options.intervalMs) return;
    if (this.missed >= this.options.maxMissed) {
      this.stop();
      this.onDead(this.missed);
      return;
    }
    this.missed += 1;
    this.sendPing();
  }
}
