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
    // Back on the same port with a new token: it refuses the tab's old session, and the tab says to open the new link.
    await app.start(Number(new URL(app.url).port));
    await page.getByRole('status', { name: 'Status' }).getByText('was restarted').waitFor();
    await screenshot(page, 'console-session-refused');
    // Its refused attempts while down and refused are rightly logged; nothing else is.
    await page.goto(app.url);
    const offline = consoleErrors.splice(errorsBefore);
    expect(offline.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|40[13]/.test(e))).toEqual([]);
    await page.waitForSelector('body[data-ready="true"]');
    await show();
    expect(await summary.fact('Mission-critical').textContent()).toBe('yes');
    expect(await summary.fact('Tags').textContent()).toBe('webe2eaffinity:front');
    expect(consoleErrors).toEqual([]);
  });
});
