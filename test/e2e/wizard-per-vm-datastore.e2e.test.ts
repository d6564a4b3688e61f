import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { SchedulesPage } from './pages/Schedules';
import { TasksPage } from './pages/Tasks';
import { VmSummaryPage } from './pages/VmSummary';
import { useSharedConsole } from './shared-console';

// Issue #14 (new-user review 13, 9): a storage-only batch offered one datastore, its first VM's host's,
// so a VM on another host that does not reach it would not move, with no way to give it its own.
describe('the wizard gives each VM of a batch its own datastore', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it("a storage-only batch on two hosts moves each VM's disks to the store it was given", async () => {
    const { page, consoleErrors } = session();
    const [web, app] = ['DC0_C0_H0_VM0', 'DC0_C0_H2_VM1']; // both on the cluster's shared DC0_C0_DS0
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.expand('DC0_C0_H2');
    await inventory.select(web);
    await inventory.selectAlso(app, 'Control');
    const menu = await inventory.openMenu(web);
    await menu.getByRole('menuitem', { name: 'Move 2 VMs to…' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.chooseType('Change storage only');
    await wizard.goTo('Datastore');
    // The batch's stores are those either host reaches, each host's own saying only one VM can use it.
    await wizard.batchDatastore('DC0_C0_DS0').getByText('DC0_C0_DS0 (current)').waitFor();
    await wizard.batchDatastore('DC0_C0_H0_DS0').getByText("1 of 2 VMs' hosts reaches it").waitFor();
    await wizard.batchDatastore('DC0_C0_H2_DS0').getByText("1 of 2 VMs' hosts reaches it").waitFor();
    await expect.poll(() => wizard.footerNote.textContent()).toBe('Choose a datastore.');
    // The batch's store is DC0_C0_H0's own: the VM on DC0_C0_H2 is marked, and given its host's store.
    await wizard.chooseBatchDatastore('DC0_C0_H0_DS0');
    await wizard.vmDatastoreRow(app).and(page.locator('[data-unreached="true"]')).waitFor();
    await wizard.vmDatastoreRow(app).getByText('DC0_C0_H2 does not reach DC0_C0_H0_DS0', { exact: false }).waitFor();
    expect(await wizard.vmDatastoreRow(web).getAttribute('data-unreached')).toBe('false');
    await screenshot(page, 'wizard-per-vm-datastore-light');
    await wizard.setVmDatastore(app, 'DC0_C0_H2_DS0');
    await wizard.vmDatastoreRow(app).and(page.locator('[data-unreached="false"]')).waitFor();
    await wizard.goTo('Ready to complete');
    await wizard.move(web).getByText('DC0_C0_DS0 → DC0_C0_H0_DS0').waitFor();
    await wizard.move(app).getByText('DC0_C0_DS0 → DC0_C0_H2_DS0').waitFor();
    await wizard.dialog.getByRole('table', { name: 'Prediction' }).locator(`tr[data-vm="${app}"]`).waitFor();
    expect(await wizard.ready.getByRole('note', { name: 'VMs that will not move' }).count()).toBe(0);
    const copied = (await wizard.consequences()).find((line) => line.includes('of disk data is copied to')) ?? '';
    expect(copied).toMatch(/copied to DC0_C0_H\d_DS0 and DC0_C0_H\d_DS0 while/);
    expect(copied).toContain('DC0_C0_H0_DS0');
    expect(copied).toContain('DC0_C0_H2_DS0');
    await wizard.finishFromCurrentStep();
    const tasks = new TasksPage(page);
    await tasks.waitForState(web, 'Completed');
    await tasks.waitForState(app, 'Completed');
    // Each VM's disks are on the store it was given.
    const summary = new VmSummaryPage(page);
    await summary.show();
    for (const [vm, store] of [
      [web, 'DC0_C0_H0_DS0'],
      [app, 'DC0_C0_H2_DS0'],
    ] as const) {
      await inventory.select(vm);
      await summary
        .fact('Disks')
        .filter({ hasText: `/vmfs/${store}/${vm}/` })
        .waitFor();
    }
    expect(consoleErrors).toEqual([]);
  });

  it('scheduled, such a batch is one schedule per datastore, each opening again with its own store', async () => {
    const { page, consoleErrors } = session();
    const [jump, app] = ['DC0_C0_H0_VM5', 'DC0_C0_H2_VM4'];
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.expand('DC0_C0_H2');
    await inventory.select(jump);
    await inventory.selectAlso(app, 'Control');
    const menu = await inventory.openMenu(jump);
    await menu.getByRole('menuitem', { name: 'Move 2 VMs to…' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.chooseType('Change storage only');
    await wizard.goTo('Datastore');
    await wizard.setVmDatastore(jump, 'DC0_C0_H0_DS0');
    await wizard.setVmDatastore(app, 'DC0_C0_H2_DS0');
    // Every VM has its own store: no batch store is needed.
    await expect.poll(() => wizard.footerNote.textContent()).toBe('');
    await wizard.goTo('Schedule');
    await wizard.step('Schedule').getByRole('radio', { name: 'Once, at a time' }).check();
    await wizard.step('Schedule').getByLabel('Schedule name', { exact: true }).fill('Disk split');
    await wizard.goTo('Ready to complete');
    await wizard.move(app).getByText('DC0_C0_DS0 → DC0_C0_H2_DS0').waitFor();
    const schedule = wizard.dialog.getByRole('button', { name: 'Schedule', exact: true });
    await schedule.and(page.locator(':not([disabled])')).waitFor();
    await schedule.click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    const schedules = new SchedulesPage(page);
    await schedules.open();
    await schedules.row(`Disk split (${jump})`).getByText('→ datastore DC0_C0_H0_DS0').waitFor();
    await schedules.row(`Disk split (${app})`).getByText('→ datastore DC0_C0_H2_DS0').waitFor();
    await schedules.edit(`Disk split (${app})`);
    await wizard.goTo('Datastore');
    expect(await wizard.batchDatastore('DC0_C0_H2_DS0').getByRole('radio').isChecked()).toBe(true);
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  // New-user review 16, 4: a VM's own store could not be the one its disks are on ("its disks are there",
  // disabled) though the whole batch could take it, so keeping one VM on shared storage split the batch.
  it('keeps one VM of a batch that changes host on the store its disks are on while the others move theirs', async () => {
    const { page, consoleErrors } = session();
    const [app, ci] = ['DC0_C0_H1_VM2', 'DC0_C0_H1_VM4']; // both on the cluster's shared DC0_C0_DS0
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H1');
    await inventory.select(app);
    await inventory.selectAlso(ci, 'Control');
    const menu = await inventory.openMenu(app);
    await menu.getByRole('menuitem', { name: 'Move 2 VMs to…' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.chooseType('Change both compute resource and storage');
    await wizard.goTo('Destination');
    await wizard.pickHost('DC0_C0_H3');
    await wizard.next();
    await wizard.chooseBatchDatastore('DC0_C0_H3_DS0');
    await wizard.setVmDatastore(ci, 'DC0_C0_DS0');
    await wizard.vmDatastoreRow(ci).getByText('DC0_C0_DS0 — keep its disks there', { exact: false }).waitFor();
    await wizard.goTo('Ready to complete');
    await wizard.move(app).getByText('DC0_C0_DS0 → DC0_C0_H3_DS0').waitFor();
    await wizard.move(ci).getByText('stays on DC0_C0_DS0').waitFor();
    await wizard.dialog.getByRole('table', { name: 'Prediction' }).locator(`tr[data-vm="${ci}"]`).waitFor();
    expect(await wizard.ready.getByRole('note', { name: 'VMs that will not move' }).count()).toBe(0);
    expect((await wizard.consequences()).find((line) => line.includes('of disk data is copied to'))).toMatch(
      /copied to DC0_C0_H3_DS0 while/,
    );
    await wizard.finishFromCurrentStep();
    // The engine moved ci's memory only: its task is no disk move, and its disks are where they were.
    const tasks = new TasksPage(page);
    await tasks.waitForState(app, 'Completed');
    await tasks.waitForState(ci, 'Completed');
    expect(await tasks.cell(app, 'route').textContent()).toContain('with its disk');
    expect(await tasks.cell(ci, 'route').textContent()).toBe('DC0_C0_H1 → DC0_C0_H3');
    const summary = new VmSummaryPage(page);
    await summary.show();
    await inventory.expand('DC0_C0_H3');
    await inventory.select(ci);
    await summary
      .fact('Disks')
      .filter({ hasText: `/vmfs/DC0_C0_DS0/${ci}/` })
      .waitFor();
    expect(consoleErrors).toEqual([]);
  });

  // New-user review 14, 1: choosing a datastore unticked the warnings acknowledged on Destination, and the
  // Datastore step, which has no checkboxes, held Next until they were ticked again.
  it('keeps the warnings acknowledged on Destination when a datastore is chosen, and Next goes on', async () => {
    const { page, consoleErrors } = session();
    const cold = 'DC0_C1_H0_VM3'; // powered off: its move warns that it moves cold
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C1_H0');
    await inventory.select(cold);
    const menu = await inventory.openMenu(cold);
    await menu.getByRole('menuitem', { name: 'Migrate…' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.chooseType('Change both compute resource and storage');
    await wizard.goTo('Destination');
    await wizard.pickHost('DC0_C1_H1');
    await wizard.acknowledge('VM_POWERED_OFF');
    // Its datastore is the next step's choice, not a check this host fails (new-user review 14, 6).
    expect(await wizard.step('Destination').getByText('No destination datastore was chosen').count()).toBe(0);
    await wizard.next();
    await wizard.chooseBatchDatastore('DC0_C1_H1_DS0');
    await wizard.next();
    await wizard.step('Network').waitFor();
    await wizard.goTo('Destination');
    expect(await wizard.dialog.locator('[data-check="VM_POWERED_OFF"]').first().getByRole('checkbox').isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog', { name: 'Discard this migration?' }).getByRole('button', { name: 'Discard' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });
});
