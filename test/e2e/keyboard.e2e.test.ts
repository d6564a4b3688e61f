import { describe, expect, it } from 'vitest';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { useSharedConsole } from './shared-console';

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
    await page.keyboard.press('Escape');
    await wizard.dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
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
});
