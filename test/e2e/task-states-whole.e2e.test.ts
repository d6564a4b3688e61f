import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { BridgeClient } from './bridge-client';
import { ConsoleApp, launchChromium, screenshot, watchConsole } from './console-app';
import { cutIn } from './pages/overflow';
import { RecentTasksPage } from './pages/RecentTasks';
import { TasksPage } from './pages/Tasks';

const widths = [
  [1024, 768],
  [1280, 800],
  [1440, 900],
] as const;

// New-user review 9: a struggling copy's state ("limit 1 s · throttled 20%") and a cold move's route were cut in the
// task grids; after Cancel the State still read "Running Copying memory"; Recent tasks' headers read "Pro…", "Dow…".
describe('task states and routes read whole (new-user review 9)', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let dispose: () => Promise<void>;
  let page: Page;
  let client: BridgeClient;
  let consoleErrors: string[];
  const taskIds: string[] = [];
  const struggling = 'DC0_C0_H0_VM3';
  const cold = 'DC0_C0_H0_VM4';

  const start = async (vmId: string, destHostId: string) => {
    const target = { vmIds: [vmId], destHostId, type: 'compute' as const, destDatastoreId: null };
    const checks = await client.invoke('migration.precheck', target);
    const { taskIds: ids } = await client.invoke('migration.start', {
      ...target,
      priority: 'default',
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: checks.flatMap((c) => c.results.filter((r) => r.severity === 'warning').map((r) => r.code)),
    });
    taskIds.push(...ids);
  };

  beforeAll(async () => {
    app = new ConsoleApp({ preset: 'demo', simSpeed: 4 });
    await app.start();
    ({ browser, dispose } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    consoleErrors = watchConsole(page);
    await page.goto(app.url);
    await page.waitForSelector('body[data-ready="true"]');
    client = await BridgeClient.connect(app.url);
  }, 60_000);
  afterAll(async () => {
    for (const taskId of taskIds) await client.invoke('migration.cancel', { taskId }).catch(() => undefined);
    client.close();
    await dispose();
    await app.dispose();
  });

  it('1: a struggling copy says its limit and throttle whole, and a cold route its ", cold", at 1024, 1280 and 1440 px', async () => {
    const tasks = new TasksPage(page);
    const recent = new RecentTasksPage(page);
    await tasks.open();
    // A powered-off guest moves cold; the analytics guest dirties memory faster than its 10 Gb/s link.
    await start(cold, 'DC0_C0_H1');
    await tasks.waitForState(cold, 'Completed', 60_000);
    await start(struggling, 'DC0_C0_H2');
    const state = tasks.cell(struggling, 'state');
    await state.getByText(/limit \d.*throttled \d+%/).waitFor({ timeout: 60_000 });
    // Held there: a copy this slow changes its figures, not its words.
    await client.invoke('settings.update', { simSpeed: 0.1 });
    for (const [width, height] of widths) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => tasks.sidewaysOverflow(), { message: `Tasks at ${width}` }).toBeLessThanOrEqual(0);
      for (const [where, grid] of [
        ['Tasks', tasks],
        ['Recent tasks', recent],
      ] as const) {
        await expect.poll(() => cutIn(grid.cell(struggling, 'state')), { message: `the state in ${where} at ${width}` }).toEqual([]);
        await expect.poll(() => cutIn(grid.cell(cold, 'route')), { message: `the cold route in ${where} at ${width}` }).toEqual([]);
        // The longest a struggling state says, once in post-copy: written into the row as it would show.
        const longest = await grid.cell(struggling, 'state').evaluate((c) => {
          const note = c.querySelector('.note')!;
          const phase = c.querySelector('.phase')!;
          const was = [note.textContent, phase.textContent] as const;
          note.textContent = ' · limit 1 s · throttled 99% · post-copy · no way back';
          phase.textContent = ' Switching over';
          const cut = [c, ...Array.from(c.querySelectorAll('*'))]
            .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
            .map((e) => `"${e.textContent}" ${e.scrollWidth}×${e.scrollHeight} > ${e.clientWidth}×${e.clientHeight}`);
          note.textContent = was[0];
          phase.textContent = was[1];
          return cut;
        });
        expect(longest, `the longest struggling state in ${where} at ${width}`).toEqual([]);
      }
      await screenshot(page, `task-struggling-state-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(consoleErrors).toEqual([]);
  });
});
