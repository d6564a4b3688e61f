import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ConsoleApp, launchChromium, watchConsole, type ConsoleOptions } from './console-app';

export interface SharedConsole {
  app: ConsoleApp;
  page: Page;
  consoleErrors: string[];
}

/**
 * One console and page for a whole file (beforeAll), for tests that do not disturb each other:
 * each console costs seconds, and the suite has a time budget.
 */
export function useSharedConsole(options: ConsoleOptions = {}, pageOptions: { bypassCSP?: boolean } = {}): () => SharedConsole {
  let shared: SharedConsole | null = null;
  let closeBrowser: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const app = new ConsoleApp(options);
    const url = await app.start();
    const { browser, dispose } = await launchChromium();
    closeBrowser = dispose;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce', ...pageOptions });
    const consoleErrors = watchConsole(page);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    shared = { app, page, consoleErrors };
  });
  afterAll(async () => {
    await closeBrowser?.();
    await shared?.app.dispose();
  });
  return () => {
    if (!shared) throw new Error('the shared console did not start');
    return shared;
  };
}
