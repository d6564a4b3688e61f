import { describe, expect, it } from 'vitest';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { TasksPage } from './pages/Tasks';
import { useSharedConsole } from './shared-console';

const OFF_VM = 'DC0_C0_H0_VM4';

// New-user review 11, findings 5 and 7 (issue #14), on a powered-off VM whose cold move warns.
describe('Ready to complete says what is left to do, and predicts a cold move as one', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('a VM whose warning waits for its tick is not "Ready"; Finish waits with it; a cold prediction cites no dirty rate', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost(OFF_VM, 'DC0_C0_H1');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const status = wizard.move(OFF_VM).locator('td').last();
    await status.getByText(/^Needs your acknowledgement: DC0_C0_H0_VM4 is powered off: it moves cold/).waitFor();
    const finish = wizard.dialog.getByRole('button', { name: 'Finish' });
    expect(await finish.isDisabled()).toBe(true);
    await wizard.footerNote.getByText('Acknowledge the warning about DC0_C0_H0_VM4 to continue.').waitFor();

    const prediction = wizard.ready.getByRole('table', { name: 'Prediction' }).locator(`tr[data-vm="${OFF_VM}"]`);
    await prediction.getByText(/^cold move: powered off, no disk copied/).waitFor();
    expect(await prediction.textContent()).not.toMatch(/dirty rate/);

    await wizard.acknowledge('VM_POWERED_OFF');
    await status.getByText('Ready', { exact: true }).waitFor();
    await finish.and(page.locator(':not([disabled])')).waitFor();
    await finish.click();
    await wizard.dialog.waitFor({ state: 'hidden' });

    // Its task's details say the same: no pause of its own, and no dirty rate.
    const tasks = new TasksPage(page);
    await tasks.waitForState(OFF_VM, 'Completed');
    await tasks.expand(OFF_VM);
    const detail = tasks.detail(OFF_VM);
    await detail.getByText(/Downtime: none \(off\): the VM is powered off before and after the move/).waitFor();
    await detail.getByText(/Predicted from: cold move: powered off, no disk copied/).waitFor();
    expect(await detail.textContent()).not.toMatch(/dirty rate/);
    expect(consoleErrors).toEqual([]);
  });
});
