import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { useSharedConsole } from './shared-console';

// New-user review: the Ready page predicted each VM of a batch as if it had the link alone (VM0 of
// five onto DC0_C1_H2 about 34 s, it took 1 min 55 s) and never said the fifth waits for the link cap.
describe('the Ready page predicts a batch as its moves share the links', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('says when each VM is done and which cap the last one waits for', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C1_H1');
    await inventory.select('DC0_C1_H1_VM0');
    await inventory.selectAlso('DC0_C1_H1_VM4', 'Shift');
    const menu = await inventory.openMenu('DC0_C1_H1_VM0');
    await menu.getByRole('menuitem', { name: 'Move 5 VMs to…' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.step('Destination').getByRole('list', { name: 'Destination hosts' }).waitFor();
    await wizard.pickHost('DC0_C1_H2');
    await wizard.goTo('Ready to complete');

    // Four moves share the 5 Gb/s links: VM0 takes minutes, not the half minute it would alone.
    const first = await wizard.predicted('DC0_C1_H1_VM0');
    expect(first.duration).toMatch(/^about [12] min/);
    expect(first.done).toMatch(/^about [12] min \d+ s after Finish$/);
    // The fifth starts when a place on the link frees, and says for which cap.
    const last = await wizard.predicted('DC0_C1_H1_VM4');
    expect(last.done).toMatch(/after Finishwaits about \d+ s for the 5 Gb\/s link cap of DC0_C1_H[12] \(4 moves at a time\)$/);
    await screenshot(page, 'wizard-batch-prediction-light');
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });
});
