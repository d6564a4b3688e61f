import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MaintenancePage } from './pages/Maintenance';
import { useSharedConsole } from './shared-console';

const H0 = 'DC0_C0_H0';

// New-user review, finding B: a stuck maintenance read "Entering maintenance (2 of 2 moved)" beside a full
// bar; only the status bar and the tree said it cannot finish.
describe('a maintenance that cannot finish entering', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 50 });

  it("says so in its panel, in the status bar's words, and its full bar does not read as done", async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    const maintenance = new MaintenancePage(page);
    await inventory.select(H0);
    // Without "Move local-disk VMs with their disks": DC0_C0_H0_VM2 cannot move.
    await maintenance.openPlan();
    await maintenance.confirmPlan();
    await maintenance.statusBar().filter({ hasText: '1 host cannot finish entering maintenance' }).waitFor({ timeout: 60_000 });
    // Every move has ended: the bar is full, and the words say the host cannot finish (the status bar's words).
    expect(await maintenance.evacuationBar().getAttribute('aria-valuenow')).toBe('100');
    expect(await maintenance.progress().textContent()).toMatch(
      /^Cannot finish entering maintenance \((\d+) of \1 moved\): 1 VM cannot move/,
    );
    expect(await maintenance.evacuationBar().getAttribute('aria-valuetext')).toMatch(
      /^(\d+) of \1 moved; cannot finish: 1 VM cannot move$/,
    );
    await maintenance.panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'maintenance-cannot-finish');
    await maintenance.exit();
    expect(consoleErrors).toEqual([]);
  });
});
