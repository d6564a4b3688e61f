import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { useSharedConsole } from './shared-console';

const LOCAL_VM = 'DC0_C0_H0_VM2';

// New-user review 12, finding 15 (issue #14): a VM on its host's own datastore found every host
// blocked for a compute-only move, and nothing pointed to the move type that copies its disk along.
describe('the wizard points a VM whose disk no other host reaches to a move with its storage', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('says why every host is blocked, and one click switches to compute and storage, which ranks hosts that take it', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    const menu = await inventory.openMenu(LOCAL_VM);
    await menu.getByRole('menuitem', { name: 'Migrate…' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.goTo('Destination');
    await wizard.dialog.getByRole('list', { name: 'Destination hosts' }).waitFor();
    expect((await wizard.destinations()).every((d) => d.rating === 0)).toBe(true);
    const note = wizard.diskBoundNote();
    await note.waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toMatch(
      new RegExp(
        `No host takes ${LOCAL_VM} as a compute-only move: .* Changing both compute and storage \\(shared-nothing\\) copies its disk`,
      ),
    );
    await screenshot(page, 'wizard-disk-bound-note');
    await note.getByRole('button', { name: 'Switch to compute and storage' }).click();
    await note.waitFor({ state: 'detached' });
    await expect.poll(async () => (await wizard.destinations()).filter((d) => d.rating > 0).length).toBeGreaterThan(0);
    expect(await wizard.chosenType()).toBe('Change both compute resource and storage');
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });
});
