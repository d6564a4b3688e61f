import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeClient } from './bridge-client';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const H1 = 'DC0_C0_H1';
const VM3 = 'DC0_C0_H1_VM3';

// Review 5, finding 20: a VM whose evacuation move failed was listed with no action to take.
describe('retrying a maintenance move that failed', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 50 });
  let client: BridgeClient;
  beforeAll(async () => {
    client = await BridgeClient.connect(session().app.url);
  });
  afterAll(() => client?.close());

  it('offers Retry in the panel, and the retried move counts once in "n of m"', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    await client.invoke('faults.add', { driverId: 'sim', rule: { operation: 'memory.copy', target: VM3, fail: true, count: 1 } });
    await inventory.select(H1);
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance
      .progress()
      .filter({ hasText: 'Cannot finish entering maintenance (4 of 5 moved): 2 VMs cannot move' })
      .waitFor({ timeout: 60_000 });
    await maintenance.retry(VM3);
    await maintenance
      .progress()
      .filter({ hasText: 'Cannot finish entering maintenance (5 of 5 moved): 1 VM cannot move' })
      .waitFor({ timeout: 60_000 });
    expect(await maintenance.cannotMove(VM3).count()).toBe(0);
    await maintenance.exit();
    expect(consoleErrors).toEqual([]);
  });
});
