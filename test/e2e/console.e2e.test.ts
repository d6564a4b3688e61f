import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { InventoryPage } from './pages/Inventory';

describe('console', () => {
  const open = useConsole();

  it('loads the embedded simulated datacenter with no console errors', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo' });
    const inventory = new InventoryPage(page);
    await expect(inventory.item('DC0').isVisible()).resolves.toBe(true);
    for (const name of ['DC0_C0', 'DC0_C1', 'DC0_C0_H0', 'DC0_C0_H3', 'DC0_C1_H2']) await inventory.item(name).waitFor();
    expect(await inventory.vmsOn('DC0_C0_H1')).toEqual([
      'DC0_C0_H1_VM0',
      'DC0_C0_H1_VM1',
      'DC0_C0_H1_VM2',
      'DC0_C0_H1_VM3',
      'DC0_C0_H1_VM4',
      'DC0_C0_H1_VM5',
    ]);
    await inventory.select('DC0_C0_H1');
    await page.getByRole('heading', { name: 'DC0_C0_H1' }).waitFor();
    await screenshot(page, 'inventory');
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the console usable when a view cannot load its code (the console stopped or restarted since the page loaded)', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo' });
    // As when the console is down or no longer knows this tab: the view's script cannot be fetched.
    await page.route('**/assets/AuditView-*.js', (route) => route.abort());
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByRole('alert').filter({ hasText: 'could not be loaded' }).waitFor();
    await expect(page.getByRole('button', { name: 'Reload the page' }).isVisible()).resolves.toBe(true);
    // The rest of the console still answers.
    await page.getByRole('tab', { name: 'Summary' }).click();
    await new InventoryPage(page).select('DC0_C0_H1');
    await page.getByRole('heading', { name: 'DC0_C0_H1' }).waitFor();
    await screenshot(page, 'view-load-failed');
    expect(consoleErrors.filter((e) => !/AuditView|Failed to load resource|dynamically imported module/.test(e))).toEqual([]);
  });

  it('stops cleanly on Ctrl-C: exit code 0, database closed, and serves again on restart', async () => {
    const { app } = await open({ preset: 'tiny' });
    expect(await app.stop()).toBe(0);
    // A closed SQLite database checkpoints and removes its write-ahead log.
    expect(existsSync(join(app.dataDir, 'ferry.db'))).toBe(true);
    expect(existsSync(join(app.dataDir, 'ferry.db-wal'))).toBe(false);
    await app.start();
    expect((await fetch(app.url)).status).toBe(200);
    expect((await fetch(app.url.replace(/token=.*/, 'token=nope'))).status).toBe(401);
  });
});
