import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DownloadRegistry } from '../../../src/main/browser/downloads';
import { startBrowserShell, type RunningShell } from '../../../src/main/browser/server';
import { useServices, routerFor } from '../../helpers/services';
import { useTempDirs } from '../../helpers/temp-dir';

const token = 'test-token-0123456789abcdefghijklmnopqrstuv';

/** Waits for a condition on real time (the shell's timers are real), failing after `limitMs`. */
async function until(condition: () => boolean, limitMs = 5_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() - started > limitMs) throw new Error('condition not met in time');
}

describe('a browser tab that stops reading (frozen, suspended)', () => {
  const start = useServices();
  const tempDir = useTempDirs();
  let shell: RunningShell | null = null;
  afterEach(async () => {
    await shell?.close();
    shell = null;
  });

  async function open(liveness: { pingEveryMs: number; maxBufferedBytes: number }) {
    const { services } = await start();
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<html>ferry</html>');
    mkdirSync(join(rendererDir, 'assets'));
    shell = await startBrowserShell({
      router: routerFor(services),
      hub: services.hub,
      downloads: new DownloadRegistry(),
      rendererDir,
      token,
      port: 0,
      context: () => ({ actor: 'tester', shell: 'browser' }),
      liveness,
    });
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${shell!.port}/bridge?token=${token}`, {
        headers: { origin: `http://127.0.0.1:${shell!.port}` },
      });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
    return { services, ws };
  }

  it('is dropped when it stops answering pings', async () => {
    const { ws } = await open({ pingEveryMs: 100, maxBufferedBytes: 64 * 1024 * 1024 });
    expect(shell!.clientCount()).toBe(1);
    ws.pause();
    await until(() => shell!.clientCount() === 0);
    ws.terminate();
  });

  it('is dropped when what waits for it passes the buffer limit, rather than held in memory', async () => {
    const { services, ws } = await open({ pingEveryMs: 60_000, maxBufferedBytes: 1024 * 1024 });
    ws.pause();
    const big = {
      hosts: [],
      vms: [],
      removedHostIds: [],
      removedVmIds: Array.from({ length: 20_000 }, (_, i) => `vm-${i}-padding-padding`),
    };
    for (let i = 0; i < 200 && shell!.clientCount() > 0; i++) {
      services.hub.publish('inventory.delta', big as never);
      await new Promise((r) => setImmediate(r));
    }
    expect(shell!.clientCount()).toBe(0);
    ws.terminate();
  });

  it('keeps a reading tab whose one message is larger than the limit (a large estate’s inventory)', async () => {
    // Bug: the limit counted the message being sent, so the 40,000-VM snapshot dropped every tab.
    const { services, ws } = await open({ pingEveryMs: 60_000, maxBufferedBytes: 64 * 1024 });
    const received = new Promise<number>((resolve) => ws.once('message', (data) => resolve(String(data).length)));
    const big = { hosts: [], vms: [], removedHostIds: [], removedVmIds: Array.from({ length: 20_000 }, (_, i) => `vm-${i}`) };
    services.hub.publish('inventory.delta', big as never);
    expect(await received).toBeGreaterThan(64 * 1024);
    expect(shell!.clientCount()).toBe(1);
    ws.terminate();
  });
});
