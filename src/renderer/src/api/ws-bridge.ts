import type { BridgeMessage, Envelope } from '../../../shared/api';
import type { FerryBridge } from '../../../shared/api/bridge';

/**
 * The browser shell's transport: the same contract as Electron IPC, over a WebSocket to the page's
 * own origin (the token travels in the session cookie). Calls made while reconnecting wait.
 */
export function createWebSocketBridge(url = `${location.origin.replace(/^http/, 'ws')}/bridge`): FerryBridge {
  let socket: WebSocket;
  let nextId = 1;
  let markOpen: () => void = () => undefined;
  // Calls wait here while (re)connecting; a new wait begins the moment the socket closes.
  let opened = new Promise<void>((resolve) => (markOpen = resolve));
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let connectedBefore = false;
  const disconnected: Envelope<never> = { ok: false, error: { code: 'DISCONNECTED', message: 'lost the connection to Ferry' } };

  const connect = (): void => {
    socket = new WebSocket(url);
    socket.addEventListener(
      'open',
      () => {
        markOpen();
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
    socket.addEventListener('close', () => {
      opened = new Promise<void>((resolve) => (markOpen = resolve));
      for (const resolve of pending.values()) resolve(disconnected);
      pending.clear();
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    async invoke(name, payload) {
      await opened;
      // Closed between the wait and now: say so rather than send into a dead socket and hang.
      if (socket.readyState !== WebSocket.OPEN) return disconnected;
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
  };
}
