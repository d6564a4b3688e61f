import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeClient } from './bridge-client';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const H1 = 'DC0_C0_H1';

// Review 4, R8: a maintenance left while entering keeps the moves that had completed; the next
// failback offer of that host moves those VMs back too.
describe('failback after a maintenance left while entering', () => {
  // Real time at first: leaving must land after some moves of the evacuation completed, not all.
  const session = useSharedConsole({ preset: 'demo', simSpeed: 1 });
  let client: BridgeClient;
  beforeAll(async () => {
    client = await BridgeClient.connect(session().app.url);
  });
  afterAll(() => client?.close());
  const activeOn = async (hostId: string) =>
    (await client.invoke('tasks.list', { limit: 500 })).filter(
      (t) => (t.state === 'queued' || t.state === 'running') && (t.sourceHostId === hostId || t.destHostId === hostId),
    );
  const until = async (what: string, condition: () => Promise<boolean>, limitMs = 60_000) => {
    const deadline = Date.now() + limitMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('offers to move back what the left maintenance moved, with what the next one moved', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    const own = async () => (await inventory.vmsOn(H1)).filter((n) => n.startsWith(`${H1}_`));
    await inventory.select(H1);
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance
      .progress()
      .filter({ hasText: /Entering maintenance \([1-4] of 5 moved\)/ })
      .waitFor({ timeout: 80_000 });
    await maintenance.exit();
    await until('the cancelled moves rolled back', async () => (await activeOn(H1)).length === 0, 30_000);
    await maintenance
      .exitReport()
      .filter({ hasText: /Cancelled/ })
      .waitFor();
    const stayed = await own();
    expect(stayed.length).toBeGreaterThan(1);
    expect(stayed.length).toBeLessThan(6);
    // Review 5, finding 22: the report is dated and goes once read; the offer to move back stays.
    expect(await maintenance.exitReport().textContent()).toMatch(/Left maintenance while entering it, \d\d:\d\d/);
    await maintenance.dismissExitReport();
    await maintenance.panel.getByRole('button', { name: /^Move them back…/ }).waitFor();

    // Entered again without answering the offer; the VM that cannot move keeps it entering: leave.
    await client.invoke('settings.update', { simSpeed: 50 });
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance.progress().filter({ hasText: '1 VM cannot move' }).waitFor({ timeout: 60_000 });
    await maintenance.exit();
    // Every VM the two maintenances moved away can move back, not only the second one's.
    await maintenance.panel.getByText('5 VMs that maintenance moved can move back to this host.').waitFor();
    await maintenance.openFailback();
    const rows = maintenance.dialog.getByRole('table', { name: 'Failback moves' }).getByRole('row');
    expect(await rows.count()).toBe(6);
    await maintenance.dialog.getByRole('button', { name: 'Move them back' }).click();
    await maintenance.dialog.waitFor({ state: 'hidden' });
    await until('every VM is back home', async () => (await own()).length === 6);
    expect(consoleErrors).toEqual([]);
  });
});
