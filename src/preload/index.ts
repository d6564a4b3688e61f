import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandNames, eventNames, type Envelope } from '../shared/api';
import { bridgeChannels, type FerryBridge } from '../shared/api/bridge';

const commands = new Set<string>(commandNames);
const events = new Set<string>(eventNames);

/** window.api: only the contract's commands and events pass; everything else never reaches main. */
const api: FerryBridge = {
  invoke(name, payload) {
    if (!commands.has(name))
      return Promise.resolve<Envelope<unknown>>({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: `no command named ${name}` } });
    return ipcRenderer.invoke(bridgeChannels.invoke, name, payload) as Promise<Envelope<unknown>>;
  },
  on(name, listener) {
    if (!events.has(name)) throw new Error(`no event named ${name}`);
    const handler = (_event: IpcRendererEvent, eventName: string, payload: unknown): void => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(bridgeChannels.event, handler);
    return () => void ipcRenderer.removeListener(bridgeChannels.event, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
