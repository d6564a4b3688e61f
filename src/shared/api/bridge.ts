import type { Envelope } from './errors';

/** The untyped transport under the typed API: window.api in Electron, a WebSocket in the browser shell. */
export interface FerryBridge {
  invoke(name: string, payload: unknown): Promise<Envelope<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
  /**
   * After a lost connection is back (the browser shell's socket, dropped as a frozen tab's is): events
   * sent meanwhile are gone, so state loaded once must load again. Electron's IPC never reconnects.
   */
  onReconnect?(listener: () => void): () => void;
  /**
   * The browser shell's link to the console, told at once and on every change, so the page can say
   * it is offline. Electron's IPC never disconnects and need not implement it.
   */
  onConnectionState?(listener: (state: ConnectionState) => void): () => void;
}

/**
 * connecting: the first attempt; online; offline: the socket is down and being retried;
 * session-refused: the console answered but no longer knows this tab (it restarted with a new token).
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'session-refused';

/** Electron IPC channel names; the only two the main process listens to or sends on. */
export const bridgeChannels = { invoke: 'ferry:invoke', event: 'ferry:event' } as const;
