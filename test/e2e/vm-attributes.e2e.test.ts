import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { InventoryPage } from './pages/Inventory';
import { VmSummaryPage } from './pages/VmSummary';

describe('VM attributes in the console', () => {
  const open = useConsole();

  it('edits a simulated VM attributes in its Summary; they persist after a reload and a restart', async () => {
    const { app, page, consoleErrors } = await open({ preset: 'demo' });
    const inventory = new InventoryPage(page);
    const summary = new VmSummaryPage(page);
    const show = async () => {
      await inventory.expand('DC0_C0_H0');
      await inventory.select('DC0_C0_H0_VM0');
      await summary.attributes.waitFor();
    };
    await show();
    // The demo preset's own values first.
    expect(await summary.fact('Mission-critical').textContent()).toBe('no');
    expect(await summary.fact('Tags').textContent()).toBe('webanti-affinity:web');

    // A group name with a "!" is refused with the contract's typed error, and nothing changes.
    await summary.edit({ missionCritical: true, tags: 'web', affinity: 'front!', antiAffinity: '' });
    await summary.error().filter({ hasText: 'Attributes not saved' }).waitFor();
    expect(await summary.fact('Mission-critical').textContent()).toBe('no');

    await summary.edit({ missionCritical: true, tags: 'web, e2e', affinity: 'front', antiAffinity: '' });
    await summary.fact('Mission-critical').filter({ hasText: 'yes' }).waitFor();
    expect(await summary.fact('Tags').textContent()).toBe('webe2eaffinity:front');
    await screenshot(page, 'vm-attributes');

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await show();
    expect(await summary.fact('Mission-critical').textContent()).toBe('yes');
    expect(await summary.fact('Tags').textContent()).toBe('webe2eaffinity:front');
    expect(await summary.attributes.getByRole('textbox', { name: 'Affinity groups', exact: true }).inputValue()).toBe('front');

    // With the console down, the open page says so instead of showing stale state as current.
    const errorsBefore = consoleErrors.length;
    expect(await app.stop()).toBe(0);
    await page.getByRole('status', { name: 'Status' }).getByText('Reconnecting to Ferry').waitFor();
    await screenshot(page, 'console-offline');
    // Leave the page: while the console is down its bridge's refused attempts are rightly logged.
    await page.goto('about:blank');
    const offline = consoleErrors.splice(errorsBefore);
    expect(offline.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    await page.goto(await app.start());
    await page.waitForSelector('body[data-ready="true"]');
    await show();
    expect(await summary.fact('Mission-critical').textContent()).toBe('yes');
    expect(await summary.fact('Tags').textContent()).toBe('webe2eaffinity:front');
    expect(consoleErrors).toEqual([]);
  });
});
