// How many calls one connection keeps at the daemon at once. libvirtd reads a client's next
// message only while that client has fewer than max_client_requests (default 5) messages in its
// hands, the buffer it reads into counted: at 4 calls in flight it still reads, at 5 it stops
// reading the client altogether (our keepalive answers too, so its keepalive can close us) and
// logs "Client hit max requests limit". Calls beyond the window wait here, in the order made.

export const DEFAULT_CALLS_AT_DAEMON = 4;

export class CallWindow {
  private readonly waiting: { serial: number; send: () => void }[] = [];
  private readonly atDaemon = new Set<number>();

  /** `stillWanted` is false for a call that timed out or was rejected while it waited: never sent. */
  constructor(
    private readonly limit: number,
    private readonly stillWanted: (serial: number) => boolean,
  ) {}

  get inFlight(): number {
    return this.atDaemon.size;
  }

  /** Sends now when the window has room, else once replies make room. */
  offer(serial: number, send: () => void): void {
    this.waiting.push({ serial, send });
    this.pump();
  }

  /** A reply frees its call's place, also a late one to a call that timed out (the daemon held it till then). */
  answered(serial: number): void {
    if (this.atDaemon.delete(serial)) this.pump();
  }

  clear(): void {
    this.waiting.length = 0;
    this.atDaemon.clear();
  }

  private pump(): void {
    while (this.atDaemon.size < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      if (!this.stillWanted(next.serial)) continue;
      this.atDaemon.add(next.serial);
      next.send();
    }
  }
}
