import { describe, expect, it } from 'vitest';
import { useConsole } from './fixtures';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { VmSummaryPage } from './pages/VmSummary';
import { useSharedConsole } from './shared-console';

// New-user review 12, finding 14: the host menu had no "Migrate VMs…", the VM Summary no Migrate button.
describe("migrating from a host's menu and from a VM's Summary", () => {
  const session = useSharedConsole({ preset: 'demo' });

  it("a host's Migrate VMs…, chosen with keys alone, opens the wizard with that host's VMs, the powered-off one included", async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const onHost = await inventory.vmsOn('DC0_C0_H0');
    expect(onHost).toHaveLength(6);
    await inventory.openMenuWithKeyboard('DC0_C0_H0');
    // DC0_C0_H0_VM4 is powered off: it goes too, cold, and the item says so before it is chosen.
    expect(await inventory.menuItemNote('Migrate VMs…')).toBe('6 VMs, 1 powered off (moves cold)');
    await inventory.chooseFromMenuWithKeyboard('Migrate VMs…');
    const wizard = new MigrationWizardPage(page);
    await wizard.dialog.getByRole('heading', { name: 'Migrate 6 virtual machines' }).waitFor();
    // It opens on its first step, where the admin sees the host's VMs and may leave some behind.
    await wizard.step('Virtual machines').waitFor();
    expect((await wizard.chosenVms()).sort()).toEqual([...onHost].sort());
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  // New-user review (demo preset): the Summary's Migrate… opened on "Virtual machines", the VM list row's on "Destination".
  it("the Summary of a VM has Migrate…, which opens the wizard for that VM on Destination, as the VM list row's Migrate… does", async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await page.getByRole('tab', { name: 'Summary' }).click();
    await inventory.expand('DC0_C0_H2');
    await inventory.select('DC0_C0_H2_VM1');
    await page.getByRole('heading', { name: 'DC0_C0_H2_VM1', level: 2 }).waitFor();
    await new VmSummaryPage(page).migrateButton.click();
    const wizard = new MigrationWizardPage(page);
    await wizard.dialog.getByRole('heading', { name: 'Migrate DC0_C0_H2_VM1' }).waitFor();
    expect(await wizard.currentStep()).toBe('Destination');
    expect(await wizard.chosenVms()).toEqual(['DC0_C0_H2_VM1']);
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it("the tree's Migrate… for one VM opens on Destination too", async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H2');
    const menu = await inventory.openMenu('DC0_C0_H2_VM2');
    await menu.getByRole('menuitem', { name: 'Migrate…' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.dialog.getByRole('heading', { name: 'Migrate DC0_C0_H2_VM2' }).waitFor();
    expect(await wizard.currentStep()).toBe('Destination');
    expect(await wizard.chosenVms()).toEqual(['DC0_C0_H2_VM2']);
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });
});

describe('a host without VMs', () => {
  const open = useConsole();

  it('shows Migrate VMs… disabled, with the reason, rather than hiding it', async () => {
    // The tiny preset: DC0_C0_H0 holds both guests, DC0_C0_H1 none.
    const { page, consoleErrors } = await open({ preset: 'tiny' });
    const inventory = new InventoryPage(page);
    expect(await inventory.vmsOn('DC0_C0_H1')).toEqual([]);
    await inventory.openMenu('DC0_C0_H1');
    await expect(inventory.menuItem('Migrate VMs…').getAttribute('aria-disabled')).resolves.toBe('true');
    expect(await inventory.menuItemNote('Migrate VMs…')).toBe('No VMs on this host');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });
});
