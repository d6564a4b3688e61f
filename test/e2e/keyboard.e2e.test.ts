import { describe, expect, it } from 'vitest';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { SearchPage } from './pages/Search';
import { VmListPage } from './pages/VmList';
import { countRowRenders, resetRowRenders, rowRenders } from './render-counter';
import { useSharedConsole } from './shared-console';

/**
 * Page-side: whether the focused element `e` shows it has the focus. A text field inside an outlined, filled or
 * underlined MUI input draws its own ring; a bare field (the header's search) must be outlined by a box around it;
 * a tree item outlines its own row (its first child). Checkboxes and radios are left to MUI's own focus style.
 */
const MARKED = `((e) => {
  const outlined = (el) => { const style = getComputedStyle(el); return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1; };
  if (e.matches('input[type="checkbox"], input[type="radio"]')) return true;
  if (e.matches('input, textarea')) {
    if (e.closest('.MuiOutlinedInput-root, .MuiFilledInput-root, .MuiInput-root')) return true;
    for (let el = e; el && el !== document.body; el = el.parentElement) if (outlined(el)) return true;
    return false;
  }
  return outlined(e.matches('[role="treeitem"]') ? e.firstElementChild : e);
})`;

describe('keyboard, context menus and state kept across reloads', () => {
  const session = useSharedConsole({ preset: 'demo' });

  it('Ctrl+M on a focused VM opens "Move to…" on the Destination step, driven by keys alone', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H3');
    await inventory.item('DC0_C0_H3_VM4').focus();
    await page.keyboard.press('Control+m');
    const wizard = new MigrationWizardPage(page);
    await wizard.dialog.getByRole('heading', { name: 'Migrate DC0_C0_H3_VM4' }).waitFor();
    await wizard.step('Destination').waitFor();
    await wizard.dialog.getByRole('button', { name: /^DC0_C0_H2\b/ }).focus();
    await page.keyboard.press('Enter');
    await wizard.stepButton('Ready to complete').focus();
    await page.keyboard.press('Enter');
    await wizard.move('DC0_C0_H3_VM4').getByText('DC0_C0_H3 → DC0_C0_H2').waitFor();
    // Escape on a wizard with a choice in it asks first; Escape again keeps editing, Discard closes.
    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Discard this migration?' });
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    await wizard.dialog.waitFor();
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: 'Discard' }).focus();
    await page.keyboard.press('Enter');
    await wizard.dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('every control reached with Tab shows a focus outline, in the main window and in the wizard', async () => {
    const { page } = session();
    // Every stop has an outline (2 px from the theme; the data grids' cells keep their own 1 px one,
    // drawn inside the cell), or is a text field that draws its own ring (see MARKED).
    const unmarked = async (tabs: number): Promise<string[]> => {
      const found: string[] = [];
      for (let i = 0; i < tabs; i++) {
        await page.keyboard.press('Tab');
        const seen = await page.evaluate<string | null>(`(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          return ${MARKED}(e) ? null : e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || '').slice(0, 40);
        })()`);
        if (seen) found.push(seen);
      }
      return found;
    };
    await page.getByRole('tab', { name: 'Summary' }).click();
    expect(await unmarked(15)).toEqual([]);
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H3');
    await inventory.item('DC0_C0_H3_VM4').focus();
    await page.keyboard.press('Control+m');
    const wizard = new MigrationWizardPage(page);
    await wizard.step('Destination').waitFor();
    expect(await unmarked(15)).toEqual([]);
    await page.keyboard.press('Escape');
    await wizard.dialog.waitFor({ state: 'detached' });
  });

  // New-user review of issue 14, finding 13: on a host's Summary one Tab stop of the cycle was <body> (past the last
  // control, where Chromium's focus wraps), and nothing looked focused there.
  it("Tab goes round a host's Summary and back to the search, every stop a named control with its focus outline; Shift+Tab goes round back", async () => {
    const { page } = session();
    const inventory = new InventoryPage(page);
    await page.bringToFront();
    await page.getByRole('tab', { name: 'Summary' }).click();
    await inventory.select('DC0_C0_H0');
    await page.getByRole('button', { name: /enter maintenance mode/i }).waitFor();
    /** The focused element: its name as it would be read (a label, else its text), and whether it shows it has the focus. */
    const focused = () =>
      page.evaluate<{ id: string; name: string; marked: boolean }>(`(() => {
        const e = document.activeElement;
        if (!e || e === document.body || e === document.documentElement) return { id: 'body', name: '', marked: false };
        const labelled = (e.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
        const name = (e.getAttribute('aria-label') || labelled || e.textContent || e.getAttribute('title') || '').trim();
        const marked = ${MARKED}(e);
        if (!e.dataset.tabStop) e.dataset.tabStop = String(Math.random());
        return { id: e.dataset.tabStop, name: (e.getAttribute('role') || e.tagName.toLowerCase()) + ' ' + name.slice(0, 40), marked };
      })()`);
    await new SearchPage(page).field.focus();
    const first = await focused();
    const stops: { id: string; name: string; marked: boolean }[] = [];
    let back: { marked: boolean } | undefined;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const stop = await focused();
      if (stop.id === first.id) {
        back = stop;
        break;
      }
      stops.push(stop);
    }
    const last = stops[stops.length - 1];
    expect(stops.length, 'Tab comes back to the search').toBeLessThan(40);
    // The header's search is a bare field: reached with Tab, the box around it shows the outline (new-user review).
    expect(back?.marked, 'the search shows it has the focus').toBe(true);
    expect(stops.filter((s) => s.id === 'body' || !s.name.split(' ')[1] || !s.marked).map((s) => s.name || 'body')).toEqual([]);
    // Back the other way: Shift+Tab from the search reaches the last stop, not <body>.
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).id).toBe(last?.id);
  });

  it('clusters and datacenters have context menus with their actions', async () => {
    const { page } = session();
    const inventory = new InventoryPage(page);
    const clusterMenu = await inventory.openMenu('DC0_C1');
    await clusterMenu.getByRole('menuitem', { name: 'Balancing policy and recommendations' }).click();
    await page.getByRole('region', { name: 'Cluster DC0_C1' }).waitFor();
    const dcMenu = await inventory.openMenu('DC0');
    await dcMenu.getByRole('menuitem', { name: 'Add host…' }).click();
    await page.getByRole('dialog', { name: 'libvirt hosts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('a click on a cluster or datacenter selects it and leaves it open; the arrow and the keys open and close it', async () => {
    const { page } = session();
    const inventory = new InventoryPage(page);
    const selected = (name: string) => inventory.item(name).and(page.locator('[aria-selected="true"]')).waitFor();
    // As in the vSphere Client: the label selects only (review: a click on a cluster also folded it).
    for (const name of ['DC0_C0', 'DC0']) {
      await inventory.select(name);
      await selected(name);
      expect(await inventory.isExpanded(name)).toBe(true);
    }
    await inventory.collapse('DC0_C1');
    await inventory.expand('DC0_C1');
    expect(await inventory.selectedNames()).toEqual(['DC0']);
    const item = inventory.item('DC0_C1');
    await item.focus();
    for (const [key, open] of [
      ['ArrowLeft', 'false'],
      ['ArrowRight', 'true'],
    ] as const) {
      await page.keyboard.press(key);
      await item.and(page.locator(`[aria-expanded="${open}"]`)).waitFor();
    }
    // Review 7, 2: Enter selects, as a click does, and leaves the item open (it folded it instead).
    await page.keyboard.press('Enter');
    await selected('DC0_C1');
    expect(await inventory.selectedNames()).toEqual(['DC0_C1']);
    expect(await inventory.isExpanded('DC0_C1')).toBe(true);
    await page.getByRole('heading', { name: 'DC0_C1' }).first().waitFor();
  });

  it("a click on an item's arrow moves the tree's Tab stop to that item, so the keys go on from it", async () => {
    const { page } = session();
    const inventory = new InventoryPage(page);
    await inventory.select('DC0_C0');
    await expect.poll(() => inventory.tabStop()).toBe('DC0_C0 focused');
    await inventory.collapse('DC0_C1');
    await expect.poll(() => inventory.tabStop()).toBe('DC0_C1 focused');
    // Tab leaves the tree, Shift+Tab comes back to that item, not to the one focused before.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await inventory.tabStop()).toBe('DC0_C1 focused');
    await page.keyboard.press('ArrowRight');
    await inventory.item('DC0_C1').and(page.locator('[aria-expanded="true"]')).waitFor();
    await inventory.expand('DC0_C0_H1');
    await expect.poll(() => inventory.tabStop()).toBe('DC0_C0_H1 focused');
  });

  it('keeps the view, the selection and the tree expansion across a reload', async () => {
    const { page } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C1_H1');
    await inventory.select('DC0_C1_H1_VM2');
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('tab', { name: 'Audit', selected: true }).waitFor();
    expect(await inventory.item('DC0_C1_H1').getAttribute('aria-expanded')).toBe('true');
    expect(await inventory.selectedNames()).toEqual(['DC0_C1_H1_VM2']);
  });

  it('keeps the VM list filters and sort across a reload, and ignores stored ones it cannot use', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    const total = await list.rowCount();
    await list.filterChoice('Power', 'off');
    await list.filterText('Memory ≥ GiB', '1');
    await list.waitForCount(`2 of ${total} VMs`);
    await list.sortBy('Name');
    await list.sortBy('Name');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await list.grid.getByRole('row').nth(1).waitFor();
    await list.waitForCount(`2 of ${total} VMs`);
    expect(await list.filters.getByLabel('Power', { exact: true }).inputValue()).toBe('off');
    expect(await list.filters.getByLabel('Memory ≥ GiB', { exact: true }).inputValue()).toBe('1');
    await list.grid.getByRole('columnheader', { name: /Name/ }).and(page.locator('[aria-sort="descending"]')).waitFor();
    expect(await list.shownNames()).toEqual(['DC0_C1_H0_VM3', 'DC0_C0_H0_VM4']);

    // A value from another version, or edited by hand, is ignored rather than breaking the list.
    await page.evaluate(`localStorage.setItem('ferry.vmList.filter', '{"power":"sleeping","minMemoryGiB":"lots"}');
      localStorage.setItem('ferry.vmList.sort', '{"field":"colour","direction":"up"}')`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await list.grid.getByRole('row').nth(1).waitFor();
    await list.waitForCount(`${total} VMs`);
    expect(await list.grid.locator('[aria-sort="descending"], [aria-sort="ascending"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
  it('the VM list body is one Tab stop: arrows, Home, End, Page Up and Page Down move its row, Space selects the VM, → reaches Migrate…', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    const total = await list.rowCount();
    const [first, second] = await list.shownNames();
    // From the last column header, Tab enters the rows once and leaves with the next (review: two stops per row).
    await list.grid
      .getByRole('columnheader')
      .getByRole('button', { name: /^Migrating/ })
      .focus();
    await page.keyboard.press('Tab');
    expect(await list.focused()).toBe(`row 2 ${first}`);
    expect(await list.tabStops()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await list.focused()).toBe('outside');
    await page.keyboard.press('Shift+Tab');
    expect(await list.focused()).toBe(`row 2 ${first}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await list.focused()).toBe(`row 3 ${second}`);
    expect(await list.tabStops()).toBe(1);
    // The far end is scrolled into view, Page Down and Page Up move a screenful.
    await page.keyboard.press('End');
    await expect.poll(() => list.focused()).toMatch(new RegExp(`^row ${total + 1} `));
    expect(await list.focusedRowInView()).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => list.focused()).toBe(`row 2 ${first}`);
    await page.keyboard.press('PageDown');
    const paged = Number((await list.focused()).split(' ')[1]);
    expect(paged).toBeGreaterThan(10);
    expect(await list.focusedRowInView()).toBe(true);
    await page.keyboard.press('PageUp');
    expect(await list.focused()).toBe(`row 2 ${first}`);
    // Space selects the VM as a click does (Enter opens it: vm-list.e2e); → reaches its Migrate… button, ← goes back to the row.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await list
      .row(second ?? '')
      .and(page.locator('[aria-selected="true"]'))
      .waitFor();
    expect(await list.focused()).toBe(`row 3 ${second}`);
    await page.keyboard.press('ArrowRight');
    expect(await list.focused()).toBe(`button Migrate ${second}…`);
    await page.keyboard.press('Enter');
    const wizard = new MigrationWizardPage(page);
    await wizard.dialog.getByRole('heading', { name: `Migrate ${second}` }).waitFor();
    await page.keyboard.press('Escape');
    await wizard.dialog.waitFor({ state: 'detached' });
    await expect.poll(() => list.focused()).toBe(`button Migrate ${second}…`);
    await page.keyboard.press('ArrowLeft');
    expect(await list.focused()).toBe(`row 3 ${second}`);
    expect(consoleErrors).toEqual([]);
  });
  it('an arrow press in the VM list renders again only the two rows it moves between', async () => {
    const { page, consoleErrors } = session();
    await countRowRenders(page);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const list = new VmListPage(page);
    await list.openAll();
    await list.grid.locator('.body [role="row"]').first().focus();
    await resetRowRenders(page);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => list.focused()).toMatch(/^row 3 /);
    const listRows = (await rowRenders(page)).flat().filter((row) => row.startsWith('vm-list:'));
    expect(listRows.sort()).toEqual(['vm-list:2', 'vm-list:3']);
    expect(consoleErrors).toEqual([]);
  });
});
