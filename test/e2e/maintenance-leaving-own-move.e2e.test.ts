import { describe, expect, it } from 'vitest';
import { BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const H0 = 'DC0_C1_H0';
const H2 = 'DC0_C1_H2';

// New-user review 16, 7: entering maintenance on DC0_C1_H0 while the failback of DC0_C1_H2 takes some of
// its VMs home said only "Entering maintenance (0 of 4 moved)" beside 9 VMs: not that it waits for them too.
describe('a host entering maintenance while a failback takes some of its VMs away', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 50 });

  it('says in its progress that it also waits for the VMs leaving with the failback', async () => {
    const { page, app, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    await inventory.select(H2);
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance
      .progress()
      .filter({ hasText: /^(In maintenance|Cannot finish)/ })
      .waitFor({ timeout: 150_000 });
    await maintenance.exit();
    await maintenance.openFailback();
    const client = await BridgeClient.connect(app.url);
    try {
      // Slow enough for H0's maintenance to begin while the failback runs.
      await client.invoke('settings.update', { simSpeed: 1 });
    } finally {
      client.close();
    }
    await maintenance.confirmFailback();

    await inventory.select(H0);
    const plan = await maintenance.openPlan();
    await plan.getByText(/already moving off this host and leave with their own move/).waitFor();
    await maintenance.confirmPlan();
    await maintenance
      .progress()
      .filter({ hasText: /^Entering maintenance \(\d of \d+ moved; \d more leaving with the failback of DC0_C1_H2\)$/ })
      .waitFor();
    await maintenance.panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'maintenance-leaving-own-move');
    expect(consoleErrors).toEqual([]);
  });
});
