import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const HOST = 'DC0_C0_H0';
const HOT_VM = 'DC0_C0_H0_VM3';

// New-user review 12, finding 12b (issue #14): the plan moved a guest that dirties memory faster than
// its link copies it without a word, where the wizard warns of it.
describe('the evacuation plan warns of a guest that may not converge on its link', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('marks its planned move and says why, naming the host at the far end of the link; no other move is marked', async () => {
    const { page, consoleErrors } = session();
    const maintenance = new MaintenancePage(page);
    await new InventoryPage(page).select(HOST);
    await maintenance.openPlan();
    const row = maintenance.plannedRow(HOT_VM);
    await row.getByText('may not converge').waitFor({ timeout: 10_000 });
    const dest = (await row.locator('td').nth(1).textContent()) ?? '';
    const warning = maintenance.moveWarnings().locator('[data-check="WILL_NOT_CONVERGE"]');
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toContain(`${HOT_VM} dirties memory about as fast as the link to ${dest} can copy it`);
    expect(await maintenance.dialog.getByRole('table', { name: 'Planned moves' }).getByText('may not converge').count()).toBe(1);
    await screenshot(page, 'maintenance-plan-convergence');
    await maintenance.dialog.getByRole('button', { name: 'Cancel' }).click();
    await maintenance.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });
});
