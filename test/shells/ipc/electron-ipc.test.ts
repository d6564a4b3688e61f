import { describe, expect, it, vi } from 'vitest';
import { ipcMain } from 'electron';
import { ElectronIpc } from '../../../src/main/ipc/electron-ipc';
import { EventHub } from '../../../src/main/app/event-hub';
import type { Router } from '../../../src/main/ipc/router';

const rendererUrl = 'file:///opt/ferry/out/renderer/index.html';

function setup() {
  const router: Router = { dispatch: vi.fn(async () => ({ ok: true as const, value: 'done' })) };
  const hub = new EventHub();
  const ipc = new ElectronIpc({ router, hub, rendererUrl, context: () => ({ actor: 'a', shell: 'electron' }) });
  const handler = vi.mocked(ipcMain.handle).mock.calls.at(-1)?.[1] as (event: unknown, name: unknown, payload: unknown) => Promise<unknown>;
  const contents = { send: vi.fn(), isDestroyed: () => false, once: vi.fn() };
  return { router, hub, ipc, handler, contents };
}

describe('Electron IPC adapter', () => {
  it('dispatches calls from our own window and frame', async () => {
    const { ipc, handler, contents, router } = setup();
    ipc.trust(contents as never);
    const reply = await handler({ sender: contents, senderFrame: { url: rendererUrl } }, 'inventory.snapshot', {});
    expect(reply).toEqual({ ok: true, value: 'done' });
    expect(router.dispatch).toHaveBeenCalledOnce();
  });

  it('refuses calls from an untrusted window or a foreign frame', async () => {
    const { ipc, handler, contents, router } = setup();
    ipc.trust(contents as never);
    const stranger = { send: vi.fn(), isDestroyed: () => false, once: vi.fn() };
    for (const event of [
      { sender: stranger, senderFrame: { url: rendererUrl } },
      { sender: contents, senderFrame: { url: 'https://evil.example/' } },
      { sender: contents, senderFrame: null },
    ]) {
      expect(await handler(event, 'inventory.snapshot', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(router.dispatch).not.toHaveBeenCalled();
  });

  it('sends events only to trusted windows', () => {
    const { ipc, hub, contents } = setup();
    ipc.trust(contents as never);
    hub.publish('app.notice', { level: 'info', title: 't', body: 'b', taskId: null });
    expect(contents.send).toHaveBeenCalledWith('ferry:event', 'app.notice', expect.objectContaining({ title: 't' }));
  });
});
