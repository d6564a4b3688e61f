import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Envelope } from '../../shared/api';
import { bridgeChannels } from '../../shared/api/bridge';
import type { EventHub } from '../app/event-hub';
import type { CallContext, Router } from './router';

export interface ElectronIpcOptions {
  router: Router;
  hub: EventHub;
  context: () => CallContext;
  /** The exact URL our renderer is loaded from; frames elsewhere are not trusted. */
  rendererUrl: string;
}

/** The Electron adapter of the IPC contract: one invoke channel, one event channel, sender checked. */
export class ElectronIpc {
  private readonly trusted = new Set<WebContents>();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: ElectronIpcOptions) {
    ipcMain.handle(bridgeChannels.invoke, (event, name: unknown, payload: unknown) => this.invoke(event, name, payload));
    this.unsubscribe = options.hub.subscribe((name, payload) => {
      for (const contents of this.trusted) if (!contents.isDestroyed()) contents.send(bridgeChannels.event, name, payload);
    });
  }

  trust(contents: WebContents): void {
    this.trusted.add(contents);
    contents.once('destroyed', () => this.trusted.delete(contents));
  }

  dispose(): void {
    ipcMain.removeHandler(bridgeChannels.invoke);
    this.unsubscribe();
  }

  isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
    const frameUrl = event.senderFrame?.url ?? '';
    return this.trusted.has(event.sender) && frameUrl.split('#')[0] === this.options.rendererUrl;
  }

  private async invoke(event: IpcMainInvokeEvent, name: unknown, payload: unknown): Promise<Envelope<unknown>> {
    if (!this.isTrustedSender(event)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an untrusted frame' } };
    return this.options.router.dispatch(name, payload, this.options.context());
  }
}
