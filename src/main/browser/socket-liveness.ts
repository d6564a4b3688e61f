import type { WebSocket } from 'ws';

export interface Liveness {
  /** A ping each period; a client that has not answered the last one by the next is dropped. */
  pingEveryMs: number;
  /** Bytes still waiting for a client when more comes, beyond which it is dropped: a frozen tab must not grow main's memory. */
  maxBufferedBytes: number;
}

/**
 * The limit is far above the largest reply (the large preset's inventory is tens of MiB, and the
 * events after it queue behind it): a frozen tab stops answering pings and is dropped within two
 * periods anyway; the limit only bounds what a backlog can hold meanwhile.
 */
export const defaultLiveness: Liveness = { pingEveryMs: 15_000, maxBufferedBytes: 256 * 1024 * 1024 };

/**
 * Keeps a browser tab's socket honest: a tab that stops reading (frozen, its laptop asleep) is
 * dropped, not buffered for ever. A live tab reconnects on its own and loads the state afresh.
 */
export function watchLiveness(ws: WebSocket, o: Liveness): { send(data: string): void; stop(): void } {
  let answered = true;
  ws.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) return void ws.terminate();
    answered = false;
    ws.ping();
  }, o.pingEveryMs);
  timer.unref();
  return {
    send(data) {
      // What still waits from before, not this message: one reply may be large (a 40,000-VM inventory).
      if (ws.bufferedAmount > o.maxBufferedBytes) return void ws.terminate();
      ws.send(data);
    },
    stop: () => clearInterval(timer),
  };
}
