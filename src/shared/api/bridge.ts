import type { Envelope } from './errors';

/** The untyped transport under the typed API: window.api in Electron, a WebSocket in the browser shell. */
export interface FerryBridge {
  invoke(name: string, payload: unknown): Promise<Envelope<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

/** Electron IPC channel names; the only two the main process listens to or sends on. */
export const bridgeChannels = { invoke: 'ferry:invoke', event: 'ferry:event' } as const;
