import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { acknowledgedRequest, BridgeClient } from './bridge-client';
import { ConsoleApp, launchChromium, screenshot, watchConsole } from './console-app';
import { AuditPage } from './pages/Audit';
import { clippedIn, cutIn, shownColumns } from './pages/overflow';

/** The columns an admin reads a record by: when, who, what, which VM, from where to where, how it ended, and the operation it is part of. */
const needed = {
  time: 'Time',
  actor: 'Actor',
  action: 'Action',
  vmName: 'VM',
  operation: 'Operation',
  sourceHost: 'From',
  destHost: 'To',
  outcome: 'Outcome',
};

// New-user review of issue 14: at 1280 px, the inventory beside the view (the default layout), the Audit grid's
// Operation column (a record's link to its maintenance, failback or batch) was out of sight.
describe('the Audit view at 1280 px beside the inventory', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let dispose: () => Promise<void>;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    app = new ConsoleApp({ preset: 'demo', simSpeed: 50 });
    await app.start();
    // Scrollbars as a desktop draws them: a trail of many records takes a vertical one's width from the columns.
    ({ browser, dispose } = await launchChromium({ scrollbars: true }));
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    consoleErrors = watchConsole(page);
    await page.goto(app.url);
    await page.waitForSelector('body[data-ready="true"]');
  }, 90_000);
  afterAll(async () => {
    await dispose();
    await app.dispose();
  });

  it('shows every column the admin reads a record by, Operation among them, whole and without scrolling sideways', async () => {
    const client = await BridgeClient.connect(app.url);
    // More records than the grid shows at once, under the moves' (newest first).
    for (let i = 0; i < 20; i++) await client.invoke('settings.update', { operatorName: `operator ${i}` });
    // Two VMs moved together: a batch, which their records link to.
    const target = { vmIds: ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM5'], destHostId: 'DC0_C0_H3', type: 'compute' as const, destDatastoreId: null };
    await client.invoke('migration.start', await acknowledgedRequest(client, target));
    await expect
      .poll(async () => (await client.invoke('tasks.list', { limit: 50 })).every((t) => t.state !== 'queued' && t.state !== 'running'), {
        timeout: 60_000,
      })
      .toBe(true);
    client.close();
    const audit = new AuditPage(page);
    await audit.open();
    // More than the rows' area holds: a vertical scrollbar takes its width.
    const rowsArea = audit.grid.locator('.MuiDataGrid-virtualScroller');
    await expect.poll(() => rowsArea.evaluate((e) => e.scrollHeight - e.clientHeight)).toBeGreaterThan(0);
    await expect.poll(() => audit.sidewaysOverflow()).toBeLessThanOrEqual(0);
    await expect
      .poll(() => shownColumns(audit.grid), { message: 'the columns shown whole at 1280 px' })
      .toEqual(expect.arrayContaining(Object.values(needed)));
    // A batch's finished move: every cell it has in those columns reads whole, and so does each header.
    const finished = audit.rows().filter({ hasText: 'Migration finished' }).first();
    for (const field of Object.keys(needed)) {
      expect(await cutIn(finished.locator(`[data-field="${field}"]`)), field).toEqual([]);
      expect(await clippedIn(audit.headerTitle(field)), `${field}'s header`).toEqual([]);
    }
    expect(await finished.locator('[data-field="operation"]').textContent()).toMatch(/^Batch [0-9a-f]{8}$/);
    await screenshot(page, 'audit-1280-columns');
    // Wider, the Timeline comes back beside them; at 1024 px when, what, which VM and how it ended stay; never sideways.
    for (const [width, height, shown] of [
      [1440, 900, [...Object.values(needed), 'Timeline']],
      [1024, 768, ['Time', 'Action', 'VM', 'Outcome']],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => audit.sidewaysOverflow(), { message: `sideways at ${width} px` }).toBeLessThanOrEqual(0);
      await expect
        .poll(() => shownColumns(audit.grid), { message: `the columns shown at ${width} px` })
        .toEqual(expect.arrayContaining([...shown]));
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(consoleErrors).toEqual([]);
  });
});
