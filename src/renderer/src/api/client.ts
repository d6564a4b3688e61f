import { FerryError, type FerryApi } from '../../../shared/api';
import type { ConnectionState, FerryBridge } from '../../../shared/api/bridge';
import { createWebSocketBridge } from './ws-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    api?: FerryBridge;
  }
}

/** The typed API over whichever bridge the shell provides; failures reject with FerryError. */
function createApi(bridge: FerryBridge): FerryApi {
  return {
    async invoke(name, request) {
      const envelope = await bridge.invoke(name, request);
      if (!envelope.ok) throw FerryError.fromShape(envelope.error);
      return envelope.value as never;
    },
    on(name, listener) {
      return bridge.on(name, listener as (payload: unknown) => void);
    },
  };
}

const bridge = window.api ?? createWebSocketBridge();
export const api: FerryApi = createApi(bridge);

/** Runs after a lost connection to main is back (the browser shell's socket): reload what events would have kept current. */
export function onReconnect(listener: () => void): () => void {
  return bridge.onReconnect?.(listener) ?? (() => undefined);
}

/** The link to main, told at once and on every change; Electron's IPC is always online. */
export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  if (bridge.onConnectionState) return bridge.onConnectionState(listener);
  listener('online');
  return () => undefined;
}
