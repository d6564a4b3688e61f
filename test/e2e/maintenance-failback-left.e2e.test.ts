import { describe, expect, it } from 'vitest';
import { BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const H1 = 'DC0_C0_H1';
const VM5 = 'DC0_C0_H1_VM5';

// New-user review, finding A: after "Move them back" the GPU VM the failback could not move back live lost
// its "Power off and move back cold…" offer and was never mentioned again.
describe('what a failback did not move back', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 50 });

  it('stays offered in the panel, with its action, until the admin keeps it where it is', async () => {
    const { page, app, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    await inventory.select(H1);
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance.progress().filter({ hasText: '5 of 5 moved' }).waitFor({ timeout: 150_000 });
    await maintenance.askPowerOff(VM5);
    await maintenance.confirmPowerOff({ powerOnAfter: true });
    await maintenance
      .statusBar()
      .filter({ hasText: /in maintenance/ })
      .waitFor({ timeout: 60_000 });
    const client = await BridgeClient.connect(app.url);
    try {
      // Running again on DC0_C0_H3, where the failback can move it back only cold.
      await expect
        .poll(async () => (await client.invoke('inventory.snapshot', {})).vms.find((v) => v.name === VM5)?.power, { timeout: 60_000 })
        .toBe('running');
    } finally {
      client.close();
    }
    await maintenance.exit();
    await maintenance.openFailback();
    await maintenance.cannotMoveBack(VM5).getByRole('button', { name: 'Power off and move back cold…' }).waitFor();
    await maintenance.confirmFailback();

    await maintenance.leftByFailback().filter({ hasText: '1 VM was not moved back to this host.' }).waitFor();
    await maintenance.notMovedBack(VM5).getByRole('button', { name: 'Power off and move back cold…' }).waitFor();
    // Kept in SQLite, so a reload (or a restart: the unit tests) still offers it.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await inventory.select(H1);
    await maintenance.notMovedBack(VM5).getByRole('button', { name: 'Power off and move back cold…' }).waitFor();
    await maintenance.panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'maintenance-failback-left');

    await maintenance.leftByFailback().getByRole('button', { name: 'Keep it where it is' }).click();
    await maintenance.leftByFailback().waitFor({ state: 'detached' });
    expect(await inventory.vmsOn('DC0_C0_H3')).toContain(VM5);
    expect(consoleErrors).toEqual([]);
  });
});
