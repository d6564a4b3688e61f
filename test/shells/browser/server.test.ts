import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DownloadRegistry } from '../../../src/main/browser/downloads';
import { startBrowserShell, type RunningShell } from '../../../src/main/browser/server';
import { useServices, routerFor } from '../../helpers/services';
import { useTempDirs } from '../../helpers/temp-dir';

const token = 'test-token-0123456789abcdefghijklmnopqrstuv';

describe('browser shell', () => {
  const start = useServices();
  const tempDir = useTempDirs();
  let shell: RunningShell | null = null;
  afterEach(async () => {
    await shell?.close();
    shell = null;
  });

  async function open() {
    const { services } = await start();
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<html>ferry</html>');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    shell = await startBrowserShell({
      router: routerFor(services),
      hub: services.hub,
      downloads: new DownloadRegistry(),
      rendererDir,
      token,
      port: 0,
      context: () => ({ actor: 'tester', shell: 'browser' }),
    });
    return { services, base: `http://127.0.0.1:${shell.port}` };
  }

  const connect = (url: string, headers: Record<string, string>) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });

  it('listens on 127.0.0.1 and prints a URL carrying the token', async () => {
    await open();
    expect(shell?.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`));
  });

  it('serves the renderer only with the token, and sets a session cookie for the assets', async () => {
    const { base } = await open();
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong-${token.slice(6)}`)).status).toBe(401);
    const ok = await fetch(`${base}/?token=${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] as string;
    // A session of its own: the cookie, sent to any server on 127.0.0.1, never carries the token.
    expect(cookie).toMatch(/^ferry_session_\d+=/);
    expect(cookie).not.toContain(token);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
  });

  it('tells a person who opens or reloads a page without a valid link how to get back in (review 5: a bare "missing or wrong token")', async () => {
    const { base } = await open();
    const page = await fetch(`${base}/?token=from-an-earlier-run`, {
      headers: { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document' },
    });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const words = await page.text();
    expect(words).toContain('the console was restarted');
    expect(words).toContain('the link its start command printed');
    expect(words).not.toContain('<script');
    // A script's request still gets the short answer.
    const asset = await fetch(`${base}/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('text/plain');
  });

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    const { base } = await open();
    expect((await fetch(`${base}/?token=${token}`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    // fetch may not override Host, so speak HTTP directly, as a DNS-rebinding page's browser would.
    const status = await new Promise<number>((resolve, reject) => {
      request(`${base}/?token=${token}`, { headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0))
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('refuses path traversal out of the renderer folder', async () => {
    const { base } = await open();
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd?token=${token}`)).status).toBe(404);
  });

  it('opens the WebSocket bridge only with the token and our own Origin', async () => {
    const { base } = await open();
    const url = `${base.replace('http', 'ws')}/bridge`;
    const origin = base;
    await expect(connect(url, { origin })).rejects.toThrow(/401/);
    await expect(connect(`${url}?token=${token}`, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(`${url}?token=${token}`, {})).rejects.toThrow(/403/);
    const ws = await connect(`${url}?token=${token}`, { origin });
    const reply = new Promise<{ id: number; envelope: { ok: boolean } }>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    ws.send(JSON.stringify({ id: 7, name: 'inventory.snapshot', payload: {} }));
    expect(await reply).toMatchObject({ kind: 'reply', id: 7, envelope: { ok: true } });
    ws.close();
  });

  it('answers a malformed bridge payload with a typed error', async () => {
    const { base } = await open();
    const ws = await connect(`${base.replace('http', 'ws')}/bridge?token=${token}`, { origin: base });
    const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 1, name: 'settings.update', payload: { simSpeed: 'warp' } }));
    expect(await reply).toMatchObject({ id: 1, envelope: { ok: false, error: { code: 'VALIDATION_FAILED' } } });
    ws.close();
  });

  it('closes a bridge socket whose message is too big (1009) and keeps serving', async () => {
    const { base } = await open();
    const url = `${base.replace('http', 'ws')}/bridge?token=${token}`;
    // Found by the fuzzer: the oversize message's error event had no listener, which stopped the whole console.
    const escaped: unknown[] = [];
    const onEscape = (error: unknown): void => void escaped.push(error);
    process.on('uncaughtException', onEscape);
    try {
      const ws = await connect(url, { origin: base });
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send('x'.repeat(1024 * 1024 + 1));
      expect(await closed).toBe(1009);
      await new Promise((resolve) => setImmediate(resolve));
      expect(escaped).toEqual([]);
    } finally {
      process.off('uncaughtException', onEscape);
    }
    const again = await connect(url, { origin: base });
    const reply = new Promise<unknown>((resolve) => again.once('message', (data) => resolve(JSON.parse(String(data)))));
    again.send(JSON.stringify({ id: 2, name: 'app.info', payload: {} }));
    expect(await reply).toMatchObject({ id: 2, envelope: { ok: true } });
    again.close();
  });
});
