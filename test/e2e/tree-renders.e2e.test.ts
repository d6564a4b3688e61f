import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { countRowRenders, resetRowRenders, rowRenders } from './render-counter';
import { useSharedConsole } from './shared-console';

const kindOf = (row: string) => row.slice(0, row.indexOf(':'));

describe('inventory tree: host metrics (every 2 s) re-render host rows only', () => {
  // waitForFunction evaluates its predicate, which the console's CSP rightly forbids; only this test's page allows it.
  const session = useSharedConsole({ preset: 'demo' }, { bypassCSP: true });

  it('a metrics update re-renders the hosts whose numbers changed, and no VM, cluster or datacenter row', async () => {
    const { page, consoleErrors } = session();
    await countRowRenders(page);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.expand('DC0_C0_H1');
    await inventory.item('DC0_C0_H1_VM0').waitFor();

    await resetRowRenders(page);
    // Two metrics updates: commits that rendered host rows (each host's gauges follow its own numbers).
    await page.waitForFunction(`window.__treeRenders.filter((rows) => rows.some((r) => r.startsWith('host:'))).length >= 2`, undefined, {
      timeout: 15_000,
    });
    const commits = await rowRenders(page);
    const others = [...new Set(commits.flat().filter((row) => kindOf(row) !== 'host'))];
    expect(others).toEqual([]);
    const hostRows = new Set(commits.flat());
    expect(hostRows.size).toBeGreaterThan(0);
    expect(hostRows.size).toBeLessThanOrEqual(7);

    // The counter does see VM rows when they change: selecting one re-renders it.
    await resetRowRenders(page);
    await inventory.select('DC0_C0_H1_VM0');
    await page.waitForFunction(`window.__treeRenders.some((rows) => rows.some((r) => r.startsWith('vm:')))`);
    const selectedRows = (await rowRenders(page)).flat().filter((row) => kindOf(row) === 'vm');
    const vmRow = await inventory.item('DC0_C0_H1_VM0').locator('[data-tree-id]').first().getAttribute('data-tree-id');
    expect(selectedRows).toContain(vmRow);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `tree-${scheme}`);
    }
    expect(consoleErrors).toEqual([]);
  });
});
