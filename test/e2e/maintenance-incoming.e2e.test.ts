import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { BridgeClient } from './bridge-client';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const H2 = 'DC0_C1_H2';
const VM = 'DC0_C1_H0_VM2';

// Review 5, finding 1: a host entered while a migration into it ran stayed "entering" for ever.
describe('maintenance of a host a migration is moving into', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 1 });
  let client: BridgeClient;
  beforeAll(async () => {
    client = await BridgeClient.connect(session().app.url);
  });
  afterAll(() => client?.close());

  it('says in the plan that the move in is cancelled, cancels it, and the host finishes entering', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    // Held in its reservation: still before the switchover when the admin confirms.
    await client.invoke('faults.add', {
      driverId: 'sim',
      rule: { operation: 'destination.reserve', target: VM, delayMs: 12_000, fail: false, count: 1 },
    });
    const vm = (await client.invoke('inventory.snapshot', {})).vms.find((v) => v.name === VM);
    if (!vm) throw new Error(`no ${VM}`);
    await client.invoke('migration.start', {
      vmIds: [vm.id],
      destHostId: H2,
      type: 'compute',
      destDatastoreId: null,
      priority: 'default',
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: [],
    });

    await inventory.select(H2);
    await maintenance.openPlan();
    await maintenance
      .plannedIncoming()
      .filter({ hasText: `Cancelled when you confirm (each VM stays where it runs): ${VM}.` })
      .waitFor();
    await maintenance.confirmPlan();
    await maintenance
      .incoming()
      .filter({ hasText: `${VM} cancelled (stays on its source)` })
      .waitFor();
    await client.invoke('settings.update', { simSpeed: 50 });
    await maintenance.progress().filter({ hasText: 'In maintenance' }).waitFor({ timeout: 60_000 });
    const after = (await client.invoke('inventory.snapshot', {})).vms.find((v) => v.name === VM);
    expect(after?.hostId).toBe('DC0_C1_H0');
    await maintenance
      .statusBar()
      .filter({ hasText: /in maintenance/ })
      .waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('a host that cannot finish entering says so in the tree as in the panel and the status bar (review 5, finding 21)', async () => {
    const { page } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    // DC0_C0_H1_VM5 passes a device through: it cannot move live.
    await inventory.select('DC0_C0_H1');
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance.progress().filter({ hasText: '1 VM cannot move' }).waitFor({ timeout: 60_000 });
    await maintenance.statusBar().filter({ hasText: 'cannot finish entering maintenance' }).waitFor();
    expect(await inventory.maintenanceBadge('DC0_C0_H1').textContent()).toBe('cannot finish');
    await maintenance.exit();
    await inventory.maintenanceBadge('DC0_C0_H1').waitFor({ state: 'detached' });
  });
});
