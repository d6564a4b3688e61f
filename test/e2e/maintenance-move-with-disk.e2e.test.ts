import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { holdsFocus } from './pages/focus';
import { useSharedConsole } from './shared-console';

const HOST = 'DC0_C1_H0';
const LOCAL_VM = 'DC0_C1_H0_VM1';

// New-user review 12, finding 12a (issue #14): "Move with its disk" copied a whole disk over the
// network at once, without a word; "Power off and move cold…" asks first.
describe('maintenance: moving a VM left behind with its disk asks first', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 50 });
  let client: BridgeClient;
  const tasksOf = async (vmName: string) => (await client.invoke('tasks.list', { limit: 500 })).filter((t) => t.vmName === vmName);

  beforeAll(async () => {
    client = await BridgeClient.connect(session().app.url);
    const { page } = session();
    const maintenance = new MaintenancePage(page);
    await new InventoryPage(page).select(HOST);
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance.progress().filter({ hasText: '1 VM cannot move' }).waitFor({ timeout: 120_000 });
  }, 180_000);
  afterAll(() => client?.close());

  it('says which VM goes where, how much disk it copies and that it runs live; Cancel, the default, moves nothing', async () => {
    const { page, consoleErrors } = session();
    const maintenance = new MaintenancePage(page);
    const dialog = await maintenance.askMoveWithDisk(LOCAL_VM);
    const title = (await dialog.getByRole('heading').textContent()) ?? '';
    expect(title).toMatch(new RegExp(`^Move ${LOCAL_VM} with its disk to DC0_C1_H[12]\\?$`));
    const words = (await dialog.textContent()) ?? '';
    expect(words).toMatch(/copies its disk \([\d.]+ GiB\) over the network/);
    expect(words).toMatch(/keeps running/);
    expect(words).toMatch(/about \d/);
    expect(await holdsFocus(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true);
    await screenshot(page, 'maintenance-move-with-disk-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await tasksOf(LOCAL_VM)).toEqual([]);
    expect(await maintenance.cannotMove(LOCAL_VM).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });

  it('moves it with its disk once confirmed, and the host finishes entering', async () => {
    const { page, consoleErrors } = session();
    const maintenance = new MaintenancePage(page);
    const dialog = await maintenance.askMoveWithDisk(LOCAL_VM);
    await dialog.getByRole('button', { name: 'Copy the disk and move' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await maintenance.progress().filter({ hasText: 'In maintenance' }).waitFor({ timeout: 120_000 });
    const [task] = await tasksOf(LOCAL_VM);
    expect(task?.type).toBe('both');
    expect(await new InventoryPage(page).vmsOn(HOST)).not.toContain(LOCAL_VM);
    expect(consoleErrors).toEqual([]);
  });
});
