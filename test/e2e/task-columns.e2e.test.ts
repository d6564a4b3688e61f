import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultConvergencePolicy, type Priority } from '../../src/shared/model/migration';
import { BridgeClient } from './bridge-client';
import { ConsoleApp, launchChromium, screenshot, watchConsole } from './console-app';
import { clippedIn, cutIn } from './pages/overflow';
import { RecentTasksPage } from './pages/RecentTasks';
import { TasksPage } from './pages/Tasks';

// One console: moves held queued behind the migration links of the 5 Gb/s cluster (a cap of 4 each), cancelled at the end.
describe('the Tasks view at 1024, 1280 and 1440 px (new-user review 7, 3 and 4)', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let dispose: () => Promise<void>;
  let page: Page;
  let client: BridgeClient;
  let consoleErrors: string[];
  const taskIds: string[] = [];

  /** Requests a live move, acknowledging whatever its checks warn about. */
  const start = async (vmId: string, destHostId: string, priority: Priority = 'default') => {
    const target = { vmIds: [vmId], destHostId, type: 'compute' as const, destDatastoreId: null };
    const checks = await client.invoke('migration.precheck', target);
    const { taskIds: ids } = await client.invoke('migration.start', {
      ...target,
      priority,
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: checks.flatMap((c) => c.results.filter((r) => r.severity === 'warning').map((r) => r.code)),
    });
    taskIds.push(...ids);
  };

  beforeAll(async () => {
    app = new ConsoleApp({ preset: 'demo', simSpeed: 0.1 });
    await app.start();
    ({ browser, dispose } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    consoleErrors = watchConsole(page);
    await page.goto(app.url);
    await page.waitForSelector('body[data-ready="true"]');
    client = await BridgeClient.connect(app.url);
    // Three moves fill 3 of the 4 slots of DC0_C1_H1's link; a high-priority one needs 2 and waits, holding
    // them; a default one that would fit waits behind it (the longest reason the queue gives); a low one yields.
    for (const vm of ['DC0_C1_H0_VM0', 'DC0_C1_H0_VM2', 'DC0_C1_H0_VM4']) await start(vm, 'DC0_C1_H1');
    await start('DC0_C1_H2_VM0', 'DC0_C1_H1', 'high');
    await start('DC0_C1_H2_VM1', 'DC0_C1_H1');
    await start('DC0_C1_H2_VM2', 'DC0_C1_H1', 'low');
  }, 60_000);
  afterAll(async () => {
    for (const taskId of taskIds) await client.invoke('migration.cancel', { taskId }).catch(() => undefined);
    client.close();
    await dispose();
    await app.dispose();
  });

  const waiting = { high: 'DC0_C1_H2_VM0', held: 'DC0_C1_H2_VM1', low: 'DC0_C1_H2_VM2' };

  it('3: a queued move says why it waits, whole, in the State column at every width and beside its details; the details give every word', async () => {
    const tasks = new TasksPage(page);
    const recent = new RecentTasksPage(page);
    await tasks.open();
    const held = tasks.cell(waiting.held, 'state');
    await expect
      .poll(async () => (await held.locator('[title]').getAttribute('title')) ?? '')
      .toMatch(/held for the earlier migration of DC0_C1_H2_VM0/);
    await tasks.expand(waiting.held);
    await tasks
      .detail(waiting.held)
      .getByText('Waiting: DC0_C1_H1 migration link, held for the earlier migration of DC0_C1_H2_VM0', { exact: false })
      .waitFor();
    for (const width of [1024, 1280, 1440]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 900 });
      await expect.poll(() => tasks.sidewaysOverflow(), { message: `Tasks at ${width}` }).toBeLessThanOrEqual(0);
      for (const vm of Object.values(waiting)) {
        await expect.poll(() => cutIn(tasks.cell(vm, 'state')), { message: `${vm}'s state in Tasks at ${width}` }).toEqual([]);
        await expect.poll(() => cutIn(recent.cell(vm, 'state')), { message: `${vm}'s state in Recent tasks at ${width}` }).toEqual([]);
      }
      await screenshot(page, `task-wait-reasons-${width}-light`);
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'task-wait-reasons-1440-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(consoleErrors).toEqual([]);
  });

  it('4: at 1024 px the Tasks view shows ETA and Downtime beside VM, route, State and Progress, without scrolling sideways; Start, End, Initiator and Cancel give way (Cancel stays in the details)', async () => {
    const tasks = new TasksPage(page);
    const running = 'DC0_C1_H0_VM0';
    await page.setViewportSize({ width: 1024, height: 768 });
    await tasks.open();
    await expect.poll(() => tasks.sidewaysOverflow()).toBeLessThanOrEqual(0);
    await expect.poll(() => tasks.headersOffScreen(['VM', 'From → to', 'State', 'Progress', 'ETA', 'Downtime'])).toEqual([]);
    // What each shown column says reads whole, its header too; the route and the state over their lines.
    for (const field of ['vmName', 'route', 'state', 'progress', 'eta', 'downtime']) {
      const cut = field === 'route' || field === 'state' ? cutIn : clippedIn;
      expect(await cut(tasks.cell(running, field)), field).toEqual([]);
      expect(await clippedIn(tasks.headerTitle(field)), `${field}'s header`).toEqual([]);
    }
    for (const vm of Object.values(waiting)) expect(await cutIn(tasks.cell(vm, 'route')), `${vm}'s route`).toEqual([]);
    expect(await tasks.headersOffScreen(['Start', 'End', 'Initiator', 'Cancel'])).toEqual(['Start', 'End', 'Initiator', 'Cancel']);
    expect(await tasks.managedColumns()).toEqual(expect.arrayContaining(['Start', 'End', 'Initiator', 'Cancel']));
    // Without its column, Cancel is one click away: in the details of the task opened.
    await tasks.expand(running);
    await tasks.detailCancel.waitFor();
    await screenshot(page, 'tasks-1024-columns-light');
    await page.setViewportSize({ width: 1440, height: 900 });
    await tasks.cancelButton(running).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
