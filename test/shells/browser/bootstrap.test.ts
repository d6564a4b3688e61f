// The browser console's secrets against other local users and other servers on 127.0.0.1: no token
// on any command line (they are readable in /proc), a one-time short-lived link to open the browser,
// and a session cookie that is not the token.

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadRegistry } from '../../../src/main/browser/downloads';
import { openBrowser } from '../../../src/main/browser/open-browser';
import { startBrowserShell, type RunningShell } from '../../../src/main/browser/server';
import { useServices, routerFor } from '../../helpers/services';
import { useTempDirs } from '../../helpers/temp-dir';

const token = 'test-token-0123456789abcdefghijklmnopqrstuv';

describe('opening the browser console', () => {
  const start = useServices();
  const tempDir = useTempDirs();
  let shell: RunningShell | null = null;
  let now = 1_000_000;
  afterEach(async () => {
    await shell?.close();
    shell = null;
  });

  async function open() {
    const { services } = await start();
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<html>ferry</html>');
    writeFileSync(join(rendererDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
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
      now: () => now,
    });
    return `http://127.0.0.1:${shell.port}`;
  }

  it('passes no token or link on the command line of the opener: a file only its user can read carries it', () => {
    const spawned: string[][] = [];
    const dir = tempDir();
    const link = 'http://127.0.0.1:4242/?bootstrap=one-time-code-abc';
    openBrowser(link, { platform: 'linux', dir, spawn: (command, args) => spawned.push([command, ...args]) });
    expect(spawned).toHaveLength(1);
    const argv = (spawned[0] as string[]).join(' ');
    expect(argv).not.toContain('one-time-code-abc');
    expect(argv).not.toContain('token');
    const file = (spawned[0] as string[]).at(-1) as string;
    expect(readFileSync(file, 'utf8')).toContain(link);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('exchanges a bootstrap link once for a session cookie; used or expired, it is dead', async () => {
    const base = await open();
    const link = shell?.bootstrapUrl() as string;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?bootstrap=/);
    expect(link).not.toContain(token);
    const first = await fetch(link);
    expect(first.status).toBe(200);
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^ferry_session_${shell?.port}=`));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = setCookie.split(';')[0] as string;
    expect(cookie).not.toContain(token);
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
    // Used once: dead.
    expect((await fetch(link)).status).toBe(401);
    // Not used within its minute: dead too.
    const late = shell?.bootstrapUrl() as string;
    now += 61_000;
    expect((await fetch(late)).status).toBe(401);
  });

  // Seen in e2e on a busy machine: the exchange page named no icon, so the browser asked for
  // /favicon.ico before going on, and the console logged a 404.
  it('names an icon the console serves on the exchange page, so the browser asks for nothing missing', async () => {
    const base = await open();
    const page = await fetch(shell?.bootstrapUrl() as string);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const icon = /<link rel="icon"[^>]* href="([^"]+)"/.exec(await page.text())?.[1];
    expect(icon).toBeDefined();
    expect((await fetch(new URL(icon as string, base), { headers: { cookie } })).status).toBe(200);
  });

  it('gives a session cookie, not the token, for the printed URL', async () => {
    const base = await open();
    const ok = await fetch(`${base}/?token=${token}`);
    expect(ok.status).toBe(200);
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).not.toContain(token);
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie: `ferry_session_${shell?.port}=${token}` } })).status).toBe(401);
  });
});
