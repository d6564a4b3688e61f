import type { BridgeMessage, Envelope } from '../../../shared/api';
import type { ConnectionState, FerryBridge } from '../../../shared/api/bridge';

export interface WebSocketBridgeOptions {
  /** How long a call waits for a lost socket to come back before it fails with DISCONNECTED. */
  callWaitMs?: number;
  /** Between attempts once the console refused the session: no use asking every second. */
  refusedRetryMs?: number;
}

/**
 * The browser shell's transport: the same contract as Electron IPC, over a WebSocket to the page's
 * own origin (the token travels in the session cookie). Calls made while reconnecting wait a
 * little, then fail with DISCONNECTED rather than hang; once the console refuses the tab's session,
 * they fail at once with SESSION_REFUSED.
 */
export function createWebSocketBridge(
  url = `${location.origin.replace(/^http/, 'ws')}/bridge`,
  { callWaitMs = 5000, refusedRetryMs = 8000 }: WebSocketBridgeOptions = {},
): FerryBridge {
  let socket: WebSocket;
  let nextId = 1;
  let state: ConnectionState = 'connecting';
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  // Calls waiting for the socket: told true when it opens, false when waiting is no use.
  const waiting = new Set<(open: boolean) => void>();
  let connectedBefore = false;
  const disconnected: Envelope<never> = { ok: false, error: { code: 'DISCONNECTED', message: 'lost the connection to Ferry' } };
  // Ferry runs but turns this tab away: saying it may have stopped would send the admin the wrong way.
  const refused: Envelope<never> = { ok: false, error: { code: 'SESSION_REFUSED', message: "Ferry refused this tab's session" } };

  const setState = (next: ConnectionState): void => {
    if (next !== 'connecting') for (const done of [...waiting]) if (next !== 'offline' || state === 'connecting') done(next === 'online');
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const connect = (): void => {
    let opened = false;
    socket = new WebSocket(url);
    socket.addEventListener(
      'open',
      () => {
        opened = true;
        setState('online');
        // Events sent while the socket was down are lost: whoever loaded state once loads it again.
        if (connectedBefore) for (const listener of reconnectListeners) listener();
        connectedBefore = true;
      },
      { once: true },
    );
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as BridgeMessage;
      if (message.kind === 'reply') {
        pending.get(message.id)?.(message.envelope);
        pending.delete(message.id);
      } else {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      }
    });
    // A refused upgrade is an error then a close; the close says all there is to say.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve(disconnected);
      pending.clear();
      if (opened) {
        setState('offline');
        setTimeout(connect, 1000);
        return;
      }
      // Closed without opening: the browser hides why. Ask the page itself whether it still knows us.
      void sessionRefused(url).then((refused) => {
        setState(refused ? 'session-refused' : 'offline');
        setTimeout(connect, refused ? refusedRetryMs : 1000);
      });
    });
  };
  connect();

  const waitForOpen = (): Promise<boolean> => {
    if (state === 'online' && socket.readyState === WebSocket.OPEN) return Promise.resolve(true);
    if (state === 'session-refused') return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (open: boolean): void => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve(open);
      };
      // The first connection is waited for as long as it takes (a busy console answers late, and the
      // tab's first calls load everything); a lost one only briefly, then the call says so.
      const timer = state === 'connecting' ? undefined : setTimeout(() => done(false), callWaitMs);
      waiting.add(done);
    });
  };

  return {
    async invoke(name, payload) {
      // Closed between the wait and now: say so rather than send into a dead socket and hang.
      if (!(await waitForOpen()) || socket.readyState !== WebSocket.OPEN) return state === 'session-refused' ? refused : disconnected;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, name, payload }));
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onConnectionState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}

/** The console answers its own page 401/403 to a session it does not know: it restarted with a new token. */
async function sessionRefused(socketUrl: string): Promise<boolean> {
  try {
    const page = new URL('/', socketUrl.replace(/^ws/, 'http'));
    const response = await fetch(page, { credentials: 'same-origin', cache: 'no-store', method: 'HEAD' });
    return response.status === 401 || response.status === 403;
  } catch {
    return false; // Not answering at all: down, not refusing.
  }
}
