import { describe, expect, it } from 'vitest';
import { acknowledgedRequest, BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { controlsUnder, isOnTop, NoticesPage } from './pages/Notices';
import { useSharedConsole } from './shared-console';

// Issue 14: a migration that finished while the wizard was open said so under the dialog's backdrop,
// unseen (a screen reader read it out); its Close could not be reached.
describe('a notice that arrives while a dialog is open shows over the dialog', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('over the migration wizard: on top, in the accessibility tree, its Close works, and it covers none of the wizard’s controls', async () => {
    const { page, app, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM5', 'DC0_C0_H2');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const client = await BridgeClient.connect(app.url);
    const target = { vmIds: ['DC0_C0_H1_VM0'], destHostId: 'DC0_C0_H3', type: 'compute' as const, destDatastoreId: null };
    await client.invoke('migration.start', await acknowledgedRequest(client, target));
    client.close();

    const notices = new NoticesPage(page);
    const notice = notices.shown('DC0_C0_H1_VM0 migrated');
    await notice.waitFor();
    // Its middle is the notice's own, not the backdrop's: drawn over the dialog.
    expect(await isOnTop(notice)).toBe(true);
    await notices.hold(notice);
    await screenshot(page, 'notice-over-wizard');
    // The notice itself is in the accessibility tree (getByRole leaves out what aria-hidden hides), once.
    expect(await notice.getByRole('status').count()).toBe(1);
    expect(await notices.withTitle('DC0_C0_H1_VM0 migrated').count()).toBe(1);
    expect(await controlsUnder(notice, '[role="dialog"]'), 'wizard controls under the notice').toEqual([]);
    // Its action works while the dialog stays open.
    await notice.getByRole('button', { name: 'Close' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await wizard.dialog.isVisible()).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
