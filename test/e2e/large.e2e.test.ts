import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BridgeClient } from './bridge-client';
import { ConsoleApp, launchChromium, screenshot, watchConsole } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { NoticesPage } from './pages/Notices';
import { RecentTasksPage } from './pages/RecentTasks';
import { RecommendationsPage } from './pages/Recommendations';
import { SearchPage } from './pages/Search';
import { TasksPage } from './pages/Tasks';
import { VmListPage } from './pages/VmList';

async function bothThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * The large preset (2,000 hosts, 40,000 VMs), one console for the file (it takes a minute to load):
 * finding things renders a window, not everything; then the daily work of the demo's tests, at scale.
 */
describe('the console at 40,000 VMs', () => {
  const app = new ConsoleApp({ preset: 'large' });
  let page: Page;
  let consoleErrors: string[];
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const url = await app.start();
    const chromium = await launchChromium();
    dispose = chromium.dispose;
    page = await chromium.browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    consoleErrors = watchConsole(page);
    await page.goto(url);
    // 40,000 VMs take a while to build and send on a busy machine: wait for the readiness flag, not a guess.
    await page.waitForSelector('body[data-ready="true"]', { timeout: 540_000 });
  }, 600_000);
  afterAll(async () => {
    await dispose?.();
    // A console saving 40,000 VMs may be slow to stop under load; it must not outlive the test.
    const pid = app.pid;
    const stopped = await Promise.race([app.dispose().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
    if (!stopped && pid) process.kill(pid, 'SIGKILL');
  }, 90_000);

  it('opens the wizard’s VM picker listing a searchable few, and the VM list renders a window of 40,000 rows', async () => {
    // The picker (bug: it rendered all 40,000 options, about 6 s).
    await page.getByRole('tab', { name: 'Scheduled' }).click();
    await page.getByRole('button', { name: 'New scheduled migration' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const picker = wizard.dialog.getByRole('combobox', { name: 'Virtual machines' });
    // How long it takes is the bench's to measure; here: it lists a few, not 40,000.
    await picker.click();
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    expect(await page.getByRole('option').count()).toBeLessThanOrEqual(200);
    await picker.fill('dc3_c9_h49_vm19');
    await page.getByRole('option', { name: 'DC3_C9_H49_VM19', exact: true }).click();
    await wizard.dialog.getByText(/^DC3_C9_H49_VM19 \(/).waitFor();
    // The Destination step lists the best 100 of 2,000 hosts, one Tab stop, and finds any other by name
    // (new-user review 9, 4: 2,000 host buttons, each a Tab stop; a VM's own destination offered 2,000 options).
    await picker.fill('dc3_c9_h49_vm18');
    await page.getByRole('option', { name: 'DC3_C9_H49_VM18', exact: true }).click();
    await wizard.goTo('Destination');
    const hosts = wizard.dialog.getByRole('list', { name: 'Destination hosts' });
    await hosts.getByRole('button').first().waitFor();
    expect(await hosts.getByRole('button').count()).toBe(100);
    await wizard.dialog.getByText('The best 100 of 2,000 hosts, best first').waitFor();
    expect(await hosts.locator('[role="button"][tabindex="0"]').count()).toBe(1);
    await wizard.dialog.getByRole('textbox', { name: 'Find a host' }).fill('dc3_c9_h48');
    await wizard.pickHost('DC3_C9_H48');
    const ownDestination = wizard.dialog.getByRole('combobox', { name: 'Destination of DC3_C9_H49_VM18' });
    // It reads the batch's host, not the note under the hosts it lists (review 10).
    expect(await ownDestination.textContent()).toContain("DC3_C9_H48 (the batch's)");
    await ownDestination.click();
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    expect(await page.getByRole('listbox').getByRole('option').count()).toBeLessThanOrEqual(52);
    await page.keyboard.press('Escape');
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    const discard = page.getByRole('button', { name: 'Discard' });
    if (await discard.isVisible()) await discard.click();
    await wizard.dialog.waitFor({ state: 'hidden' });

    // The VM list: 40,000 rows in its scrollbar, a screenful in the page; it scrolls, filters and sorts.
    const list = new VmListPage(page);
    await list.open();
    expect(await list.rowCount()).toBe(40_000);
    expect((await list.shownNames()).length).toBeLessThan(100);
    // Rows are reused as the list scrolls: the one the keyboard is on gives the focus up rather than
    // keep it while it shows another VM.
    await list.grid.locator('.body [role="row"]').first().focus();
    await page.getByTestId('vm-list-viewport').evaluate((e) => (e.scrollTop = 34 * 1000));
    await expect.poll(() => page.getByTestId('vm-list-viewport').evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    // Back in view, the row has the keyboard again; the keys reach the far end of 40,000 rows, each
    // row scrolled into view, and the keyboard moves with them while rows are reused under it.
    await page.getByTestId('vm-list-viewport').evaluate((e) => (e.scrollTop = 0));
    await expect.poll(() => list.focused()).toMatch(/^row 2 /);
    await page.keyboard.press('End');
    await expect.poll(() => list.focused()).toMatch(/^row 40001 /);
    expect(await list.focusedRowInView()).toBe(true);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => list.focused()).toMatch(/^row 40000 /);
    // A page: the rows the viewport shows, less one kept for context.
    const perPage = await page.getByTestId('vm-list-viewport').evaluate((e) => Math.floor(e.clientHeight / 34) - 1);
    expect(perPage).toBeGreaterThan(3);
    await page.keyboard.press('PageUp');
    await expect.poll(async () => Number((await list.focused()).split(' ')[1])).toBe(40_000 - perPage);
    expect(await list.focusedRowInView()).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => list.focused()).toMatch(/^row 2 /);
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => list.focused()).toMatch(/^row 42 /);
    expect(await list.focusedRowInView()).toBe(true);
    expect(await list.tabStops()).toBe(1);
    // While the list scrolls its rows keep their elements and DOM places (a moved element's styles and
    // layout are made anew, garbage whose collection paused frames); at rest they are in reading order.
    expect(await list.scrollStepsMovingRows(20)).toBeLessThanOrEqual(1);
    await expect.poll(() => list.rowsInReadingOrder()).toBe(true);
    // Ctrl+A selects all 40,000; one migration holds at most 500, so the console says so beside the button,
    // which it disables, instead of drawing a wizard of 40,000 rows whose every check the contract then refuses.
    // A passing notice alone read as "does nothing" (new-user review 15, 2).
    await list.grid.locator('.body [role="row"]').first().click();
    await page.keyboard.press('Control+a');
    const migrate = page.getByRole('main').getByRole('button', { name: 'Migrate 40,000 VMs…', exact: true });
    await migrate.waitFor();
    expect(await migrate.isDisabled()).toBe(true);
    expect(await migrate.getAttribute('aria-describedby')).toBe('vm-selection-over-limit');
    await page.getByText('A migration moves at most 500 VMs at once: select fewer, or move them in several batches.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('vm-list-viewport').evaluate((e) => (e.scrollTop = e.scrollHeight));
    await list.row('DC3_C9_H49_VM19').waitFor();
    await list.filterText('Name', 'dc3_c9_h49_vm1');
    await list.waitForCount('11 of 40,000 VMs');
    await list.sortBy('Name');
    await list.sortBy('Name');
    expect((await list.shownNames())[0]).toBe('DC3_C9_H49_VM19');
    await screenshot(page, 'vm-list-large');
    // A host chosen in the tree: the list shows its 20 VMs of the 40,000, filters and sorts still apply.
    const inventory = new InventoryPage(page);
    await inventory.expand('DC3_C9');
    await inventory.select('DC3_C9_H49');
    await expect.poll(() => list.scope()).toBe('VMs on host DC3_C9_H49 · 20 of 40,000');
    await list.waitForCount('11 of 20 VMs');
    expect((await list.shownNames())[0]).toBe('DC3_C9_H49_VM19');
    await list.clearFilters();
    await list.waitForCount('20 VMs');
    await list.showAll();
    await list.waitForCount('40,000 VMs');

    // The global search answers from the whole estate.
    const search = new SearchPage(page);
    await search.find('DC2_C4_H12_VM7');
    await search.openWithKeyboard('VM', 'DC2_C4_H12_VM7');
    await page.getByRole('heading', { name: 'DC2_C4_H12_VM7', level: 2 }).waitFor();
    // Review 2: typed fast and Enter at once, before the results of the text are ready: it opens them.
    await search.focusWith('Control+k');
    await search.field.pressSequentially('DC3_C1_H4_VM2');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'DC3_C1_H4_VM2', level: 2 }).waitFor();
    expect(consoleErrors).toEqual([]);
  }, 240_000);

  it('a drag, the Recent tasks pane, maintenance left while entering, and recommendations work at this scale', async () => {
    const inventory = new InventoryPage(page);
    const recent = new RecentTasksPage(page);
    for (const name of ['DC1', 'DC1_C2', 'DC1_C2_H5']) await inventory.expand(name);
    // A VM and a neighbouring host that can take it, next to each other in the middle of the tree:
    // near the tree's edge the drag would scroll it (as it should) and the drop land elsewhere.
    const client = await BridgeClient.connect(app.url);
    const canTake = async (vmId: string, host: string) =>
      (await client.invoke('migration.recommend', { vmId, type: 'compute' })).some((r) => r.hostName === host && r.rating > 0);
    const pair = (await canTake('DC1_C2_H5_VM19', 'DC1_C2_H6'))
      ? { vm: 'DC1_C2_H5_VM19', host: 'DC1_C2_H6' }
      : (await canTake('DC1_C2_H5_VM0', 'DC1_C2_H4'))
        ? { vm: 'DC1_C2_H5_VM0', host: 'DC1_C2_H4' }
        : null;
    client.close();
    if (!pair) throw new Error('neither neighbour of DC1_C2_H5 can take its first or last VM');
    await inventory.dragVmToHost(pair.vm, pair.host);
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.ready.waitFor();
    await wizard.finishFromCurrentStep();
    // The pane shows the move at once and follows it to its end; the VM is then on its new host. Finish opened the
    // Tasks view, where the pane steps aside: it shows under the Summary.
    await recent.show();
    await recent
      .row(pair.vm)
      .filter({ hasText: /Queued|Running|Completed/ })
      .waitFor();
    await bothThemes(page, 'large-recent-tasks');
    await recent.row(pair.vm).filter({ hasText: 'Completed' }).waitFor({ timeout: 180_000 });
    expect(await inventory.vmsOn(pair.host)).toContain(pair.vm);

    // Maintenance on a host of 20 VMs: the plan, the evacuation under way, then leaving cancels it and says so.
    const maintenance = new MaintenancePage(page);
    await inventory.select('DC1_C2_H7');
    await page.getByRole('tab', { name: 'Summary' }).click();
    await maintenance.openPlan();
    await bothThemes(page, 'large-maintenance-plan');
    await maintenance.confirmPlan();
    await maintenance
      .progress()
      .filter({ hasText: /Entering maintenance \(\d+ of \d+ moved\)/ })
      .waitFor();
    await maintenance.exit();
    await maintenance
      .exitReport()
      .filter({ hasText: /Cancelled the moves of/ })
      .waitFor({ timeout: 60_000 });
    expect(await maintenance.statusBar().count()).toBe(0);

    // Recommendations for a cluster of 50 hosts and 1,000 VMs, and the Tasks view with its detail.
    const recommendations = new RecommendationsPage(page);
    await recommendations.open();
    const first = await recommendations.moves('DC1_C2');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 300_000 });
    await recommendations.open();
    expect(await recommendations.moves('DC1_C2')).toEqual(first);
    await bothThemes(page, 'large-recommendations');
    const tasks = new TasksPage(page);
    await tasks.open();
    await tasks.waitForState(pair.vm, 'Completed');
    await bothThemes(page, 'large-tasks');
    expect(consoleErrors).toEqual([]);
  }, 420_000);

  // New-user review 16, 6: a selected row's own Migrate… says in a notice what the bar says beside the disabled button;
  // the notice took its height from the view, and the grid's header slid over the bar's reason line until it closed.
  it('keeps the reason a selection cannot migrate whole while a notice takes its height from the view', async () => {
    const list = new VmListPage(page);
    await list.openAll();
    await list.grid.locator('.body [role="row"]').first().click();
    await page.keyboard.press('Control+a');
    await page.getByRole('main').getByRole('button', { name: 'Migrate 40,000 VMs…', exact: true }).waitFor();
    // The reviewer's window: the view is short enough that the notice's slot takes room the rows then give up.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await list.reasonLineHidden()).toBe(0);
    await list.grid
      .locator('.body [role="row"]')
      .first()
      .getByRole('button', { name: /^Migrate/ })
      .click();
    const notices = new NoticesPage(page);
    const notice = notices.shown('A migration moves at most 500 VMs at once');
    await notice.waitFor();
    await notices.hold(notice);
    expect(await list.reasonLineHidden()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.press('Escape');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
