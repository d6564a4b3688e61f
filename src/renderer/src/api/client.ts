import { FerryError, type FerryApi } from '../../../shared/api';
import type { FerryBridge } from '../../../shared/api/bridge';
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

export const api: FerryApi = createApi(window.api ?? createWebSocketBridge());
