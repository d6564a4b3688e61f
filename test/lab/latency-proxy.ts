import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';

/**
 * A unix-socket relay between Ferry and one lab libvirtd, for what the lab cannot do by itself: a
 * round-trip latency on every request (so each step of a migration takes long enough to be caught
 * by a kill -9 in the middle of it), and cutting Ferry's connections to the host while the hosts
 * themselves go on (the console's link to a host drops; libvirtd and QEMU never notice).
 */
export class LatencyProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  latencyMs = 0;
  /** While true, new connections are refused (the host is unreachable from Ferry). */
  refusing = false;

  private constructor(
    readonly socketPath: string,
    private readonly target: string,
  ) {
    this.server = createServer((client) => this.relay(client));
  }

  static async start(socketPath: string, target: string): Promise<LatencyProxy> {
    rmSync(socketPath, { force: true });
    const proxy = new LatencyProxy(socketPath, target);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(socketPath, resolve);
    });
    return proxy;
  }

  /** The URI Ferry adds the host by. */
  get uri(): string {
    return `qemu+unix:///system?socket=${this.socketPath}`;
  }

  /** Drops every connection Ferry has through this relay (they reconnect unless `refusing`). */
  cut(): void {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.socketPath, { force: true });
  }

  private relay(client: Socket): void {
    if (this.refusing) return void client.destroy();
    const upstream = createConnection(this.target);
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    // Requests are held for the latency from their arrival, in order (a delay line, not a queue
    // that would also cap the rate); replies flow back at once.
    let chain = Promise.resolve();
    client.on('data', (chunk) => {
      const due = Date.now() + this.latencyMs;
      chain = chain
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))))
        .then(() => {
          if (!upstream.destroyed) upstream.write(chunk);
        });
    });
    upstream.on('data', (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
  }
}
