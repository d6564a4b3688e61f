// How many calls one connection keeps at the daemon at once. libvirtd reads a client's next
// message only while that client has fewer than max_client_requests (default 5) messages in its
// hands, the buffer it reads into counted: at 4 calls in flight it still reads, at 5 it stops
// reading the client altogether (our keepalive answers too, so its keepalive can close us) and
// logs "Client hit max requests limit". Calls beyond the window wait here, in the order made;
// steering calls (abort, post-copy, downtime) go before the calls waiting, never behind a burst.

export const DEFAULT_CALLS_AT_DAEMON = 4;

interface Waiting {
  serial: number;
  send: () => void;
}

export class CallWindow {
  private readonly waiting: Waiting[] = [];
  private readonly atDaemon = new Set<number>();
  /** Calls at the daemon whose callers gave up on them (timed out): the daemon still holds them. */
  private readonly abandoned = new Set<number>();

  /** `stillWanted` is false for a call rejected while it waited (its connection closed): never sent. */
  constructor(
    private readonly limit: number,
    private readonly stillWanted: (serial: number) => boolean,
  ) {}

  /** The daemon holds this serial: it must not be reused while a late reply may still come. */
  holds(serial: number): boolean {
    return this.atDaemon.has(serial);
  }

  get full(): boolean {
    return this.atDaemon.size >= this.limit;
  }

  /** Sends now when the window has room, else once replies make room; `urgent` ones first. */
  offer(serial: number, send: () => void, urgent = false): void {
    if (urgent) this.waiting.unshift({ serial, send });
    else this.waiting.push({ serial, send });
    this.pump();
  }

  /** A reply frees its call's place, also a late one to a call that timed out (the daemon held it till then). */
  answered(serial: number): void {
    this.abandoned.delete(serial);
    if (this.atDaemon.delete(serial)) this.pump();
  }

  /** Its caller timed out; the daemon keeps its place until it replies. */
  abandon(serial: number): void {
    if (this.atDaemon.has(serial)) this.abandoned.add(serial);
  }

  /**
   * Every place is held by a call the daemon never answered while others wait: nothing on this
   * connection can move again (a hung storage pool or QEMU monitor), so it is better dropped and
   * opened anew than left looking alive.
   */
  get stuck(): boolean {
    return this.waiting.length > 0 && this.atDaemon.size >= this.limit && this.abandoned.size >= this.atDaemon.size;
  }

  clear(): void {
    this.waiting.length = 0;
    this.atDaemon.clear();
    this.abandoned.clear();
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
