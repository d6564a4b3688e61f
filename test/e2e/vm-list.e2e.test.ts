import { describe, expect, it } from 'vitest';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { VmListPage } from './pages/VmList';
import { useSharedConsole } from './shared-console';

describe('the VM list follows the inventory tree and keeps the keyboard where the admin left it', () => {
  const session = useSharedConsole({ preset: 'demo' });

  it('shows only the VMs under the datacenter, cluster or host selected in the tree, says so, and shows all again', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const list = new VmListPage(page);
    await list.open();
    const total = await list.rowCount();
    const onHost = await inventory.vmsOn('DC0_C0_H1');
    expect(onHost.length).toBeGreaterThan(1);
    expect(onHost.length).toBeLessThan(total);

    await inventory.select('DC0_C0_H1');
    await expect.poll(() => list.rowCount()).toBe(onHost.length);
    expect(await list.scope()).toBe(`VMs on host DC0_C0_H1 · ${onHost.length} of ${total}`);
    expect((await list.shownNames()).sort()).toEqual([...onHost].sort());
    await list.waitForCount(`${onHost.length} VMs`);
    // Sorting and the filters work within the scope.
    await list.sortTo('Name', 'descending');
    expect(await list.shownNames()).toEqual([...onHost].sort().reverse());
    await list.filterText('Name', onHost[0] ?? '');
    await list.waitForCount(`1 of ${onHost.length} VMs`);
    // Nothing in the scope matches: the way out clears the filters, and keeps the scope.
    await list.filterText('Tag', 'no-such-tag');
    await page.getByText('No VM matches these filters.').waitFor();
    await page.getByRole('alert').getByRole('button', { name: 'Clear filters' }).click();
    await list.waitForCount(`${onHost.length} VMs`);
    await list.sortTo('Name', 'none');

    // A VM clicked in the list is selected without narrowing the list to it.
    await list.clickRow(onHost[1] ?? '');
    await inventory
      .item(onHost[1] ?? '')
      .and(page.locator('[aria-selected="true"]'))
      .waitFor();
    expect(await list.rowCount()).toBe(onHost.length);

    // A cluster: every VM of its hosts, and no other; kept across a reload, like the selection.
    await inventory.select('DC0_C1');
    await expect.poll(() => list.scope()).toMatch(/^VMs on cluster DC0_C1 · \d+ of /);
    const inCluster = await list.rowCount();
    expect((await list.shownNames()).every((name) => name.startsWith('DC0_C1_'))).toBe(true);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await list.grid.getByRole('row').nth(1).waitFor();
    expect(await list.rowCount()).toBe(inCluster);
    // A Host filter kept from before names a host outside the cluster: the list says so, not "no VM matches"
    // (new-user review 12, 16), and its way out clears that filter alone, keeping the scope.
    await list.filterText('Host', 'DC0_C0_H1');
    await page.getByText('No host of cluster DC0_C1 matches the Host filter “DC0_C0_H1”.').waitFor();
    await page.getByRole('alert').getByRole('button', { name: 'Clear the Host filter' }).click();
    await expect.poll(() => list.rowCount()).toBe(inCluster);
    expect(await list.scope()).toMatch(/^VMs on cluster DC0_C1 · /);

    await list.showAll();
    expect(await list.rowCount()).toBe(total);
    expect(await inventory.selectedNames()).toEqual(['DC0_C1']);
    expect(consoleErrors).toEqual([]);
  });

  it('a sort keeps the active row on the same VM and scrolls it into view', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    await list.sortTo('Name', 'ascending');
    const [, , third] = await list.shownNames();
    await list.clickRow(third ?? '');
    expect(await list.tabStop()).toBe(`${third} in view`);
    // Descending, the third VM is near the far end, out of the first screenful.
    await list.sortTo('Name', 'descending');
    await expect.poll(() => list.tabStop()).toBe(`${third} in view`);
    // The keyboard comes back to it.
    await list.grid
      .getByRole('columnheader')
      .getByRole('button', { name: /^Migrating/ })
      .focus();
    await page.keyboard.press('Tab');
    expect(await list.focused()).toMatch(new RegExp(`^row \\d+ ${third}$`));
    await list.sortTo('Name', 'none');
    expect(consoleErrors).toEqual([]);
  });

  it('Enter on a VM row opens the VM: selected in the tree, its Summary shown, the keyboard on its tree item; Space only selects', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const list = new VmListPage(page);
    await list.openAll();
    const [first, second] = await list.shownNames();
    await list.clickRow(first ?? '');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await list
      .row(second ?? '')
      .and(page.locator('[aria-selected="true"]'))
      .waitFor();
    expect(await list.focused()).toBe(`row 3 ${second}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Summary', selected: true }).waitFor();
    await page.getByRole('main').getByRole('heading', { name: first, level: 2 }).waitFor();
    expect(await inventory.selectedNames()).toEqual([first]);
    await expect.poll(() => inventory.tabStop()).toBe(`${first} focused`);
    expect(consoleErrors).toEqual([]);
  });

  it('a row is named by its VM, host and power state (and migration), so a screen reader tells rows apart', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    await list.grid.getByRole('row', { name: 'DC0_C0_H0_VM4, on DC0_C0_H0, powered off', exact: true }).waitFor();
    await list.grid.getByRole('row', { name: 'DC0_C0_H0_VM1, on DC0_C0_H0, running', exact: true }).waitFor();
    expect(
      (await list.rowLabels()).every((label) => /^\S+, on \S+, (running|paused|powered off|power unknown)(, migrating)?$/.test(label)),
    ).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('a row\'s Migrate… opens the wizard on the Destination step with its VM, as the tree\'s "Move to…" does (new-user review)', async () => {
    const { page, consoleErrors } = session();
    const list = new VmListPage(page);
    await list.openAll();
    await list.migrate('DC0_C0_H2_VM1');
    const wizard = new MigrationWizardPage(page);
    await wizard.dialog.getByRole('heading', { name: 'Migrate DC0_C0_H2_VM1' }).waitFor();
    await wizard.step('Destination').waitFor();
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });
});
