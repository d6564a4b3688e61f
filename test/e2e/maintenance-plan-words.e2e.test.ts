import { beforeEach, describe, expect, it } from 'vitest';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const HOST = 'DC0_C1_H0';
const OFF_VM = 'DC0_C1_H0_VM3';
const LOCAL_VM = 'DC0_C1_H0_VM1';

// New-user review 11, findings 5 and 7 (issue #14): what the evacuation plan leaves on the host, and why.
describe('the evacuation plan names what stays on the host', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  // A test that failed may leave its dialog open: the next one starts from the console itself.
  beforeEach(async () => {
    const { page } = session();
    if ((await page.getByRole('dialog').count()) > 0) await page.keyboard.press('Escape');
  });

  it('lists the powered-off VMs that stay, without counting them, until they are asked to move cold', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    await inventory.select(HOST);
    await maintenance.openPlan();
    const staying = maintenance.poweredOffStaying();
    await staying.getByText("1 powered-off VM stays on this host; tick 'Move powered-off VMs cold' to move it cold.").waitFor();
    await staying.getByText(OFF_VM).waitFor();
    expect(await maintenance.plannedRow(OFF_VM).count()).toBe(0);
    // "n VMs will move" counts the moves only: the 4 running on shared storage.
    await maintenance.dialog.getByText(/^4 VMs will move/).waitFor();

    await maintenance.dialog.getByRole('checkbox', { name: /Move powered-off VMs cold/ }).check();
    await maintenance.plannedRow(OFF_VM).filter({ hasText: 'cold' }).waitFor();
    await staying.waitFor({ state: 'detached' });
    await maintenance.dialog.getByText(/^5 VMs will move/).waitFor();
    await maintenance.dialog.getByRole('button', { name: 'Cancel' }).click();
    await maintenance.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it("gives a local-disk VM's reason for the whole cluster, not for the first host tried", async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    await inventory.select(HOST);
    await maintenance.openPlan();
    const reason = maintenance.dialog.getByText(new RegExp(`^${LOCAL_VM} cannot move: `));
    await reason.waitFor();
    expect(await reason.textContent()).toBe(
      `${LOCAL_VM} cannot move: its disk is on ${HOST}'s local datastore ${HOST}_DS0, which no other host of its cluster reaches`,
    );
    await maintenance.dialog.getByRole('button', { name: 'Cancel' }).click();
    await maintenance.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });
});
