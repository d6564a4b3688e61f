import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page, WebSocket } from 'playwright-core';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { BridgeClient } from './bridge-client';
import { ConsoleApp, launchChromium, screenshot, watchConsole } from './console-app';
import { focusedDescription, holdsFocus } from './pages/focus';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { SearchPage } from './pages/Search';
import { VmListPage } from './pages/VmList';

const MiB = 1024 ** 2;

/** Find anything on the demo datacenter: the header's search and the VM list (one console: the tests only read). */
describe('finding anything', () => {
  const app = new ConsoleApp({ preset: 'demo' });
  let page: Page;
  let consoleErrors: string[];
  let socket: Promise<WebSocket>;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const url = await app.start();
    // One migration kept slow (20 MiB/s of 8 GiB): a task to find, and a VM that is migrating.
    const client = await BridgeClient.connect(url);
    await client.invoke('migration.start', {
      vmIds: ['DC0_C0_H0_VM0'],
      destHostId: 'DC0_C0_H3',
      type: 'compute',
      destDatastoreId: null,
      priority: 'default',
      options: {
        bandwidthLimitBps: 20 * MiB,
        convergence: { ...defaultConvergencePolicy, completionTimeoutSecPerGiB: 3600, progressTimeoutSec: 3600 },
      },
      acknowledgedWarnings: ['WILL_NOT_CONVERGE', 'INSUFFICIENT_CPU', 'HOST_DEGRADED'],
    });
    client.close();
    const chromium = await launchChromium();
    dispose = chromium.dispose;
    page = await chromium.browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    consoleErrors = watchConsole(page);
    socket = page.waitForEvent('websocket');
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
  });
  afterAll(async () => {
    await dispose?.();
    await app.dispose();
  });

  it('Ctrl+K and / focus the search, / typed in a field stays there, Escape closes the results', async () => {
    const search = new SearchPage(page);
    await search.focusWith('Control+k');
    expect(await search.field.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    await search.find('DC0_C1');
    await search.results.waitFor();
    await page.keyboard.press('Escape');
    await search.results.waitFor({ state: 'hidden' });
    expect(await search.field.inputValue()).toBe('');
    await page.getByRole('tab', { name: 'Summary' }).focus();
    await search.focusWith('/');
    expect(await search.field.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    // In another field `/` is a character.
    const list = new VmListPage(page);
    await list.open();
    await list.filters.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('a/b');
    expect(await list.filters.getByLabel('Name', { exact: true }).inputValue()).toBe('a/b');
    await list.clearFilters();
    expect(consoleErrors).toEqual([]);
  });

  it('Escape gives the keyboard focus back to where it was before the search took it (review 8, m5)', async () => {
    const search = new SearchPage(page);
    const inventory = new InventoryPage(page);
    await page.getByRole('tab', { name: 'Summary' }).click();
    await inventory.item('DC0').focus();
    await search.focusWith('/');
    await search.find('DC0_C1');
    await page.keyboard.press('Escape');
    await search.results.waitFor({ state: 'hidden' });
    expect(await holdsFocus(inventory.item('DC0')), await focusedDescription(inventory.tree)).toBe(true);
    // Nothing had the focus: it stays in the field, not on the page's body.
    await page.evaluate(`document.activeElement?.blur()`);
    await search.focusWith('Control+k');
    await page.keyboard.press('Escape');
    expect(await search.field.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    await page.getByRole('tab', { name: 'Summary' }).focus();
  });

  it('finds a VM, a host, a datastore, a port group and a task by name and opens each', async () => {
    const search = new SearchPage(page);
    const inventory = new InventoryPage(page);
    const heading = (name: string) => page.getByRole('heading', { name, level: 2 });

    await search.find('dc0_c1_h2_vm3');
    // Exact first, case-insensitive.
    await search.waitForFirst(/^VM DC0_C1_H2_VM3 on DC0_C1_H2/);
    await screenshot(page, 'search-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'search-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await search.openWithKeyboard('VM', 'DC0_C1_H2_VM3');
    await heading('DC0_C1_H2_VM3').waitFor();
    // A chosen result empties the field, as vSphere's search does (new-user review: the query stayed).
    expect(await search.field.inputValue()).toBe('');
    // The tree opened its branch and selected it.
    await inventory.item('DC0_C1_H2_VM3').locator('> div[data-selected]').waitFor();

    await search.find('DC0_C0_H2');
    await search.openWithKeyboard('Host', 'DC0_C0_H2');
    await heading('DC0_C0_H2').waitFor();
    await inventory.item('DC0_C0_H2').locator('> div[data-selected]').waitFor();

    await search.find('c0_ds0');
    await search.result('Datastore', 'DC0_C0_DS0').click();
    await heading('DC0_C0_DS0').waitFor();
    expect(await search.field.inputValue()).toBe('');
    await search.results.waitFor({ state: 'hidden' });
    const datastore = page.getByRole('table', { name: 'Datastore summary' });
    await datastore.getByRole('rowheader', { name: 'Capacity' }).waitFor();
    await datastore.getByRole('rowheader', { name: 'Hosts (4)' }).waitFor();
    await screenshot(page, 'datastore-summary-light');

    await search.find('DC0_C1_PG1');
    await search.openWithKeyboard('Port group', 'DC0_C1_PG1');
    await heading('DC0_C1_PG1').waitFor();
    const network = page.getByRole('table', { name: 'Port group summary' });
    await network.getByRole('rowheader', { name: 'Virtual machines' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'portgroup-summary-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // A host named in the summary selects that host.
    await network.getByRole('button', { name: 'DC0_C1_H0', exact: true }).click();
    await heading('DC0_C1_H0').waitFor();

    await search.find('DC0_C0_H0_VM0');
    await search.openWithKeyboard('Task', 'DC0_C0_H0_VM0');
    const dialog = page.getByRole('dialog', { name: /^Migration of DC0_C0_H0_VM0/ });
    await dialog.getByRole('region', { name: 'Details of DC0_C0_H0_VM0' }).waitFor();
    // Times of today read as the README says ("17:26:11"), the strategy in the wizard's words.
    const firstPhase = dialog.getByText(/ — (Queued|Preparing)$/).first();
    expect(await firstPhase.textContent()).toMatch(/^\d\d:\d\d:\d\d — /);
    // The strategy is the prediction's, and said so; what moved is a fact (new-user review 10, 11).
    expect(await dialog.textContent()).toMatch(
      /Predicted strategy: (pre-copy|post-copy|will not converge)\. Transferred( so far)?: [\d.]+ [KMG]?i?B/,
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it('finds datacenters, clusters and tags, and leaves the keyboard focus on what it opened', async () => {
    const search = new SearchPage(page);
    const inventory = new InventoryPage(page);
    const heading = (name: string) => page.getByRole('heading', { name, level: 2 });
    // Polled: the focus moves once what was opened shows. A failure names what holds the focus instead.
    const focusOn = async (target: Locator) => {
      const where = async () => ((await holdsFocus(target)) ? 'on the target' : await focusedDescription(page.locator('body')));
      await expect.poll(where).toBe('on the target');
    };

    // A cluster and a datacenter open as a host does: selected and revealed in the tree, which takes the focus.
    await search.find('dc0_c1');
    await search.waitForFirst(/^Cluster DC0_C1 in DC0/);
    await search.openWithKeyboard('Cluster', 'DC0_C1');
    await heading('DC0_C1').waitFor();
    await inventory.item('DC0_C1').locator('> div[data-selected]').waitFor();
    await focusOn(inventory.item('DC0_C1'));
    await search.find('DC0');
    await search.openWithKeyboard('Datacenter', 'DC0');
    await heading('DC0').waitFor();
    await focusOn(inventory.item('DC0'));
    // A VM and a host too, and the keyboard goes on from there (Shift+F10 opens the VM's menu).
    await search.find('DC0_C1_H1_VM4');
    await search.openWithKeyboard('VM', 'DC0_C1_H1_VM4');
    await focusOn(inventory.item('DC0_C1_H1_VM4'));
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    // What is not in the tree: its summary takes the focus.
    await search.find('DC0_C0_DS0');
    await search.openWithKeyboard('Datastore', 'DC0_C0_DS0');
    await focusOn(heading('DC0_C0_DS0'));
    // A task opens in its dialog, which holds the focus.
    await search.find('DC0_C0_H0_VM0');
    await search.openWithKeyboard('Task', 'DC0_C0_H0_VM0');
    const dialog = page.getByRole('dialog', { name: /^Migration of DC0_C0_H0_VM0/ });
    await focusOn(dialog);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Closed, it gives the focus back to the search that opened it, not to the page.
    await focusOn(search.field);
    await page.keyboard.press('Escape');
    await search.results.waitFor({ state: 'hidden' });

    // A tag opens the VM list filtered by it, its first VM focused: that tag alone, as many VMs as the
    // search said, not the VMs of "anti-affinity:web-eu" too (review 6, 1).
    await search.find('anti-affinity:web');
    const promised = Number(/on (\d+) VMs?/.exec((await search.result('Tag', 'anti-affinity:web').textContent()) ?? '')?.[1]);
    expect(promised).toBeGreaterThan(0);
    await search.openWithKeyboard('Tag', 'anti-affinity:web');
    const list = new VmListPage(page);
    await list.grid.waitFor();
    expect(await list.filters.getByLabel('Tag', { exact: true }).inputValue()).toBe('"anti-affinity:web"');
    await list.filters
      .getByRole('status')
      .getByText(new RegExp(`^${promised} of \\d+ VMs$`))
      .waitFor();
    await focusOn(list.grid.locator('.body [role="row"]').first());
    const tagCells = await list.grid.locator('.body [role="row"] .tag').allTextContents();
    expect(tagCells.filter((t) => t === 'anti-affinity:web')).toHaveLength(promised);
    expect(tagCells).not.toContain('anti-affinity:web-eu');
    // Every tag of a row is readable, the ones its cell has no room for in its title (review 6, 4).
    const firstTags = list.grid.locator('.body [role="row"]').first().getByRole('gridcell').nth(4);
    expect(await firstTags.getAttribute('title')).toBe((await firstTags.locator('.tag').allTextContents()).join(', '));
    await list.clearFilters();
    expect(consoleErrors).toEqual([]);
  });

  it('the VM list filters on each column and sorts; a row click selects its VM, its Migrate… opens the wizard', async () => {
    const list = new VmListPage(page);
    await list.open();
    const total = await list.rowCount();
    expect(total).toBeGreaterThan(30);
    await list.filterChoice('Power', 'off');
    await list.waitForCount(`2 of ${total} VMs`);
    expect((await list.shownNames()).sort()).toEqual(['DC0_C0_H0_VM4', 'DC0_C1_H0_VM3']);
    await list.clearFilters();
    await list.filterChoice('Mission-critical', 'yes');
    await list.waitForCount(`4 of ${total} VMs`);
    expect((await list.shownNames()).sort()).toEqual(['DC0_C0_H0_VM1', 'DC0_C0_H1_VM3', 'DC0_C0_H2_VM5', 'DC0_C1_H1_VM0']);
    await list.clearFilters();
    await list.filterText('Memory ≥ GiB', '48');
    await list.waitForCount(`3 of ${total} VMs`);
    await list.sortBy('Memory');
    await list.sortBy('Memory');
    expect(await list.shownNames()).toEqual(['DC0_C0_H1_VM3', 'DC0_C0_H3_VM5', 'DC0_C1_H1_VM4']);
    await list.grid
      .getByRole('columnheader', { name: /Memory/ })
      .and(page.locator('[aria-sort="descending"]'))
      .waitFor();
    await list.clearFilters();
    await list.filterText('Host', 'dc0_c1_h2');
    await list.waitForCount(`5 of ${total} VMs`);
    await list.filterText('Name', 'vm2');
    await list.waitForCount(`1 of ${total} VMs`);
    await list.clearFilters();
    await list.filterChoice('Migrating', 'yes');
    await list.waitForCount(`1 of ${total} VMs`);
    expect(await list.shownNames()).toEqual(['DC0_C0_H0_VM0']);
    await list.clearFilters();
    await list.filterText('Tag', 'no-such-tag');
    await list.waitForCount(`0 of ${total} VMs`);
    await page.getByText('No VM matches these filters.').waitFor();
    await list.clearFilters();
    await list.filterText('Memory ≥ GiB', '64');
    await list.filterText('Memory ≤ GiB', '8');
    await page.getByText('No VM can match: at least 64 GiB and at most 8 GiB of memory.').waitFor();
    await page.getByRole('button', { name: 'Show all VMs' }).click();
    await list.waitForCount(`${total} VMs`);
    await list.sortByHeaderCorner('Host');
    await list.grid.getByRole('columnheader', { name: /^Host/ }).and(page.locator('[aria-sort="ascending"]')).waitFor({ timeout: 5000 });
    await list.sortBy('Name');
    expect((await list.shownNames()).slice(0, 2)).toEqual(['DC0_C0_H0_VM0', 'DC0_C0_H0_VM1']);
    await screenshot(page, 'vm-list-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'vm-list-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await list.clickRow('DC0_C0_H2_VM1');
    await list.row('DC0_C0_H2_VM1').and(page.locator('[aria-selected="true"]')).waitFor();
    await new InventoryPage(page).item('DC0_C0_H2_VM1').locator('> div[data-selected]').waitFor();
    await list.migrate('DC0_C0_H2_VM1');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    // Its VM chosen, on the Destination step (vm-list.e2e checks this too).
    await wizard.dialog.getByRole('heading', { name: 'Migrate DC0_C0_H2_VM1' }).waitFor();
    await wizard.step('Destination').waitFor();
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it('what the admin types in the wizard’s VM picker stays while the inventory updates', async () => {
    // Bug: every inventory update (host metrics every 2 s) gave the picker a new selection array, and MUI cleared the typed text.
    await page.getByRole('tab', { name: 'Scheduled' }).click();
    await page.getByRole('button', { name: 'New scheduled migration' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const picker = wizard.dialog.getByRole('combobox', { name: 'Virtual machines' });
    await picker.click();
    await picker.fill('h2_vm1');
    const ws = await socket;
    for (let update = 0; update < 2; update++) {
      await ws.waitForEvent('framereceived', { predicate: (f) => String(f.payload).includes('inventory.metrics') });
    }
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    expect(await picker.inputValue()).toBe('h2_vm1');
    await page.getByRole('option', { name: 'DC0_C0_H2_VM1', exact: true }).click();
    await wizard.dialog.getByText(/^DC0_C0_H2_VM1 \(/).waitFor();
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
  });
});
