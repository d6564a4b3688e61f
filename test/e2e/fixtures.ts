import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { ConsoleApp, launchChromium, watchConsole, type ConsoleOptions } from './console-app';

export interface Session {
  app: ConsoleApp;
  page: Page;
  consoleErrors: string[];
}

/** A fresh console (own data folder, seeded simulated datacenter) and browser page per test. */
export function useConsole(): (options?: ConsoleOptions) => Promise<Session> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (options = {}) => {
    const app = new ConsoleApp(options);
    cleanups.push(() => app.dispose());
    const url = await app.start();
    const { browser, dispose } = await launchChromium();
    cleanups.push(dispose);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const consoleErrors = watchConsole(page);
    await page.goto(url);
    // The console sets this once the first inventory snapshot is in: no sleeping.
    await page.waitForSelector('body[data-ready="true"]');
    return { app, page, consoleErrors };
  };
}
