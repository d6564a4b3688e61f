// The browser opens the console through a one-time link handed over in a private file (never on a
// command line), is given a session cookie that is not the token, and the link is dead afterwards.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadRegistry } from '../../src/main/browser/downloads';
import { openBrowser } from '../../src/main/browser/open-browser';
import { startBrowserShell, type RunningShell } from '../../src/main/browser/server';
import { useServices, routerFor } from '../helpers/services';
import { launchChromium, screenshot, watchConsole } from './console-app';

const token = 'e2e-token-0123456789abcdefghijklmnopqrstuvw';

describe('opening the console from a one-time link', () => {
  const start = useServices();
  let shell: RunningShell;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  const pageDir = mkdtempSync(join(tmpdir(), 'ferry-open-e2e-'));

  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium.dispose();
    rmSync(pageDir, { recursive: true, force: true });
  });

  it('lands on the console with an HttpOnly session cookie, no secret in the address bar, and the link dead after', async () => {
    const { services } = await start();
    await services.start();
    shell = await startBrowserShell({
      router: routerFor(services),
      hub: services.hub,
      downloads: new DownloadRegistry(),
      rendererDir: resolve(__dirname, '../../out/renderer'),
      token,
      port: 0,
      context: () => ({ actor: 'tester', shell: 'browser' }),
    });
    try {
      const link = shell.bootstrapUrl();
      let argv: string[] = [];
      openBrowser(link, { platform: 'linux', dir: pageDir, spawn: (command, args) => (argv = [command, ...args]) });
      expect(argv.join(' ')).not.toContain(link);
      const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors = watchConsole(page);
      // What xdg-open hands the browser: the page's path, nothing secret.
      await page.goto(pathToFileURL(argv.at(-1) as string).href);
      await page.waitForURL(`http://127.0.0.1:${shell.port}/`);
      await page.waitForSelector('body[data-ready="true"]');
      await screenshot(page, 'bootstrap-link-landed');
      const cookies = await context.cookies();
      expect(cookies).toEqual([
        expect.objectContaining({ name: `ferry_session_${shell.port}`, httpOnly: true, sameSite: 'Strict', path: '/' }),
      ]);
      expect(cookies[0]?.value).not.toContain(token);
      expect(await page.locator('body').evaluate((b) => b.ownerDocument.cookie)).toBe('');
      // Used: the same link, opened again anywhere, is refused.
      const again = await chromium.browser.newPage();
      const refused = await again.goto(link);
      expect(refused?.status()).toBe(401);
      expect(await again.textContent('body')).toMatch(/used already or has expired/);
      expect(errors).toEqual([]);
      await context.close();
      await again.close();
    } finally {
      await shell.close();
    }
  });
});
