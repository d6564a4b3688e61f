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
}

/** Electron IPC channel names; the only two the main process listens to or sends on. */
export const bridgeChannels = { invoke: 'ferry:invoke', event: 'ferry:event' } as const;
