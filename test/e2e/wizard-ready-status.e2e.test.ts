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

  // New-user review 16, 1 and 2: "Ready" beside a prediction that does not finish under the admin's own
  // bandwidth limit, and "about 28 min 37 s" for a copy its give-up limit rolled back after 8 s.
  it("a move's own limits that it cannot finish under wait for a tick, and the prediction says when it gives up", async () => {
    const { page, consoleErrors } = session();
    const vm = 'DC0_C0_H1_VM0'; // 8 GiB, dirtying 35 MiB/s
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H1');
    await inventory.dragVmToHost(vm, 'DC0_C0_H2');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const status = wizard.move(vm).locator('td').last();
    await status.getByText('Ready', { exact: true }).waitFor();

    await wizard.goTo('Priority and options');
    await wizard.dialog.getByLabel('Limit bandwidth').check();
    await wizard.dialog.getByLabel('Bandwidth', { exact: true }).fill('30');
    await wizard.dialog.getByLabel('Give up after').fill('1');
    await wizard.goTo('Ready to complete');
    await status
      .getByText(
        /^Needs your acknowledgement: DC0_C0_H1_VM0 dirties memory at 35 MiB\/s, faster than its bandwidth limit lets through \(30 MiB\/s\)\./,
      )
      .waitFor();
    await status
      .getByText(
        /DC0_C0_H1_VM0's memory copy needs about \d+ min \d+ s; it gives up after 8 s \(1 s per GiB of its 8 GiB\) and rolls back\./,
      )
      .waitFor();
    expect((await wizard.predicted(vm)).duration).toMatch(/^gives up after 8 s: its copy needs about \d+ min \d+ s$/);
    const finish = wizard.dialog.getByRole('button', { name: 'Finish' });
    expect(await finish.isDisabled()).toBe(true);

    await wizard.acknowledge('WILL_NOT_CONVERGE');
    await wizard.acknowledge('WILL_TIME_OUT');
    await status.getByText('Ready', { exact: true }).waitFor();
    await finish.and(page.locator(':not([disabled])')).waitFor();
    await finish.click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    // As predicted: it gives up and the VM stays where it was, the error naming the move's own limits.
    const tasks = new TasksPage(page);
    await tasks.waitForState(vm, 'Rolled back');
    await tasks.expand(vm);
    await tasks
      .detail(vm)
      .getByText(/Raise its bandwidth limit \(30 MiB\/s\), raise "Give up after" \(1 s per GiB\)/)
      .waitFor();
    expect(await inventory.vmsOn('DC0_C0_H1')).toContain(vm);
    expect(consoleErrors).toEqual([]);
  });
});
