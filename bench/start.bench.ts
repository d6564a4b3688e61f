import { it } from 'vitest';
import { ConsoleApp, launchChromium } from '../test/e2e/console-app';
import { record, smoke } from './harness';

/** The goals, from the process start to the first tree item a person can click. */
const goals = { demo: 1_000, large: 2_000 } as const;

/**
 * Cold start of the browser console: the process spawned, its URL opened in an already running
 * Chromium as soon as it is printed, until the first inventory tree item is visible and enabled.
 * First start (a new data folder: database created, preset built) and a restart on the same folder.
 */
it('starts the browser console to an interactive tree', async () => {
  const { browser, dispose } = await launchChromium();
  try {
    for (const preset of smoke ? (['demo'] as const) : (['demo', 'large'] as const)) {
      const first = new ConsoleApp({ preset });
      let again: ConsoleApp | null = null;
      try {
        for (const [label, app] of [
          ['first start', first],
          ['restart', (again = new ConsoleApp({ preset, dataDir: first.dataDir }))],
        ] as const) {
          if (app === again) await first.stop('SIGTERM');
          const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
          const started = performance.now();
          const url = await app.start();
          const printed = performance.now() - started;
          await page.goto(url);
          await page.locator('[role="treeitem"]:not([aria-disabled="true"])').first().waitFor({ state: 'visible', timeout: 300_000 });
          const interactive = performance.now() - started;
          await page.close();
          const note = `URL printed after ${Math.round(printed)} ms; page load to tree ${Math.round(interactive - printed)} ms`;
          record({
            name: `start: ${preset} preset, ${label}, process start to a clickable tree item`,
            value: interactive,
            unit: 'ms',
            goal: smoke ? null : goals[preset],
            better: 'lower',
            note,
          });
        }
      } finally {
        await again?.stop();
        await first.dispose();
      }
    }
  } finally {
    await dispose();
  }
}, 900_000);
