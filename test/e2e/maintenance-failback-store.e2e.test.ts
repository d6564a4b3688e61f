import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const HOST = 'DC0_C1_H0';
const LOCAL_VM = 'DC0_C1_H0_VM1';
const HOME_STORE = 'DC0_C1_H0_DS0';
const SHARED = 'DC0_C1_DS0';

// New-user review 13, finding 10 (issue #14): a failback moved a disk back with no choice of store.
describe('failback: the admin chooses where the disks go back', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 50 });
  let client: BridgeClient;
  const vmNow = async () => (await client.invoke('inventory.snapshot', {})).vms.find((v) => v.name === LOCAL_VM);

  beforeAll(async () => {
    client = await BridgeClient.connect(session().app.url);
    const { page } = session();
    const maintenance = new MaintenancePage(page);
    await new InventoryPage(page).select(HOST);
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance.progress().filter({ hasText: '1 VM cannot move' }).waitFor({ timeout: 120_000 });
    const dialog = await maintenance.askMoveWithDisk(LOCAL_VM);
    await dialog.getByRole('button', { name: 'Copy the disk and move' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await maintenance.progress().filter({ hasText: 'In maintenance' }).waitFor({ timeout: 120_000 });
  }, 240_000);
  afterAll(() => client?.close());

  it('offers the home host’s stores, the one it came from chosen, and moves the disks to the one chosen', async () => {
    const { page, consoleErrors } = session();
    const maintenance = new MaintenancePage(page);
    // Its disk left with it for the shared store, which its home host reaches too.
    expect((await vmNow())?.disks.map((d) => d.datastoreId)).toEqual([SHARED]);
    await maintenance.exit();
    await maintenance.openFailback();
    const store = maintenance.failbackStore(LOCAL_VM);
    expect(await store.locator('option:checked').textContent()).toBe(`${HOME_STORE} (where it came from)`);
    expect(await maintenance.failbackRow(LOCAL_VM).textContent()).toContain('with its disk →');

    await store.selectOption(SHARED);
    await maintenance.failbackRow(LOCAL_VM).filter({ hasText: 'live, its disk on' }).waitFor();
    expect(await maintenance.failbackStore(LOCAL_VM).locator('option:checked').textContent()).toBe(`${SHARED} (where it is now)`);
    await screenshot(page, 'maintenance-failback-store');
    await maintenance.confirmFailback();

    await expect.poll(async () => (await vmNow())?.hostId, { timeout: 120_000 }).toBe(HOST);
    expect((await vmNow())?.disks.map((d) => d.datastoreId)).toEqual([SHARED]);
    const [task] = (await client.invoke('tasks.list', { limit: 500 })).filter((t) => t.vmName === LOCAL_VM && t.destHostId === HOST);
    expect(task).toMatchObject({ type: 'compute', destDatastoreId: null });
    expect(consoleErrors).toEqual([]);
  });
});
