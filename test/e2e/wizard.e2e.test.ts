import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { TasksPage } from './pages/Tasks';
import { useSharedConsole } from './shared-console';

// One console for the file: each test moves its own VMs.
describe('the migration wizard: short path, Ready to complete, batches', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('Shift-click selects a range, and dragging one of it drags them all', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H3');
    await inventory.select('DC0_C0_H3_VM1');
    await inventory.selectAlso('DC0_C0_H3_VM3', 'Shift');
    await expect
      .poll(() => page.getByTestId('selection-announcer').textContent())
      .toBe('3 selected: DC0_C0_H3_VM1, DC0_C0_H3_VM2, DC0_C0_H3_VM3');
    expect(await inventory.selectedNames()).toEqual(['DC0_C0_H3_VM1', 'DC0_C0_H3_VM2', 'DC0_C0_H3_VM3']);
    await inventory.dragVmToHost('DC0_C0_H3_VM2', 'DC0_C0_H0');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.dialog.getByRole('heading', { name: 'Migrate 3 virtual machines' }).waitFor();
    for (const vm of ['DC0_C0_H3_VM1', 'DC0_C0_H3_VM2', 'DC0_C0_H3_VM3'])
      await wizard.move(vm).getByText('DC0_C0_H3 → DC0_C0_H0').waitFor();
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it('a drop opens Ready to complete with every move, setting and prediction, and finishes in one step', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM5', 'DC0_C0_H2');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const move = wizard.move('DC0_C0_H0_VM5');
    await move.getByText('DC0_C0_H0 → DC0_C0_H2').waitFor();
    await move.getByText(/^stays on DC0_C0_DS0/).waitFor();
    await move.getByText(/DC0_C0_PG0, same MACs/).waitFor();
    await move.getByText('Ready', { exact: true }).waitFor();
    const settings = wizard.ready.getByRole('table', { name: 'Settings' });
    await settings.getByRole('row', { name: /Priority\s+Default/ }).waitFor();
    await settings.getByRole('row', { name: /Schedule\s+Now/ }).waitFor();
    await settings.getByRole('row', { name: /Migration type\s+Compute only/ }).waitFor();
    await wizard.dialog
      .getByRole('table', { name: 'Prediction' })
      .getByRole('row', { name: /DC0_C0_H0_VM5\s+about/ })
      .waitFor();
    // The other steps are one click away.
    expect(await wizard.stepButton('Priority and options').isEnabled()).toBe(true);
    await screenshot(page, 'wizard-ready-to-complete-light');
    await wizard.dialog.getByRole('button', { name: 'Finish' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    await new TasksPage(page).waitForState('DC0_C0_H0_VM5', 'Completed');
    expect(await inventory.vmsOn('DC0_C0_H2')).toContain('DC0_C0_H0_VM5');
    expect(consoleErrors).toEqual([]);
  });

  it('Ctrl-click three VMs, drag them together: two destinations, and the blocked one does not block the others', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H1');
    await inventory.select('DC0_C0_H1_VM2');
    await inventory.selectAlso('DC0_C0_H1_VM4', 'Control');
    await inventory.selectAlso('DC0_C0_H1_VM5', 'Control'); // GPU passthrough: cannot migrate
    // Screen readers hear the selection by name.
    await expect
      .poll(() => page.getByTestId('selection-announcer').textContent())
      .toBe('3 selected: DC0_C0_H1_VM2, DC0_C0_H1_VM4, DC0_C0_H1_VM5');
    expect(await inventory.selectedNames()).toEqual(['DC0_C0_H1_VM2', 'DC0_C0_H1_VM4', 'DC0_C0_H1_VM5']);
    await inventory.dragVmToHost('DC0_C0_H1_VM2', 'DC0_C0_H2');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.dialog.getByRole('heading', { name: 'Migrate 3 virtual machines' }).waitFor();
    await wizard.goTo('Destination');
    await wizard.setVmDestination('DC0_C0_H1_VM4', 'DC0_C0_H3');
    await wizard.goTo('Ready to complete');
    await wizard.move('DC0_C0_H1_VM2').getByText('DC0_C0_H1 → DC0_C0_H2').waitFor();
    await wizard.move('DC0_C0_H1_VM4').getByText('DC0_C0_H1 → DC0_C0_H3').waitFor();
    await wizard
      .move('DC0_C0_H1_VM5')
      .getByText(/^Will not move: /)
      .waitFor();
    const notMoving = wizard.ready.getByRole('note', { name: 'VMs that will not move' });
    await notMoving.getByText('1 of 3 VMs will not move; the others proceed').waitFor();
    await notMoving.getByText('DC0_C0_H1_VM5').waitFor();
    await wizard.dialog
      .getByRole('table', { name: 'Prediction' })
      .getByRole('row', { name: /DC0_C0_H1_VM4/ })
      .waitFor();
    await screenshot(page, 'wizard-batch-blocked-light');
    await wizard.finishFromCurrentStep();
    const tasks = new TasksPage(page);
    await tasks.waitForState('DC0_C0_H1_VM2', 'Completed');
    await tasks.waitForState('DC0_C0_H1_VM4', 'Completed');
    expect(await tasks.row('DC0_C0_H1_VM5').count()).toBe(0);
    expect(await inventory.vmsOn('DC0_C0_H2')).toContain('DC0_C0_H1_VM2');
    expect(await inventory.vmsOn('DC0_C0_H3')).toContain('DC0_C0_H1_VM4');
    expect(await inventory.vmsOn('DC0_C0_H1')).toContain('DC0_C0_H1_VM5');
    expect(consoleErrors).toEqual([]);
  });
});
