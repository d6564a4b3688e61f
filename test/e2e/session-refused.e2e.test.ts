// A tab whose session the console refuses (it restarted with a new token): Ferry is running, so a
// failed call must say the tab's session is no longer accepted and how to get back in, never that
// Ferry may have stopped; a drop that starts a migration catches its failure and shows it.

import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { InventoryPage } from './pages/Inventory';
import { NoticesPage } from './pages/Notices';
import { StatusBarPage } from './pages/StatusBar';

describe('a tab the console no longer accepts', () => {
  const open = useConsole();

  it('says so, with what to do, when a drop onto a host fails for it, and leaves no unhandled rejection', async () => {
    const { app, page, consoleErrors } = await open({ preset: 'demo' });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H1');
    // Back on the same port with a new token: the tab's session cookie is unknown to it now.
    expect(await app.stop()).toBe(0);
    await app.start(Number(new URL(app.url).port));
    const status = page.getByRole('status', { name: 'Status' });
    await status.getByText('no longer accepts this tab').waitFor();
    const errorsBefore = consoleErrors.length;

    await inventory.dragVmToHost('DC0_C0_H1_VM0', 'DC0_C0_H2', undefined, { verdict: false });
    const notice = new NoticesPage(page).withTitle(/was not moved/);
    await notice.waitFor();
    await screenshot(page, 'drop-session-refused');
    const words = await notice.textContent();
    expect(words).toContain('no longer accepts this tab');
    expect(words).toContain('open the console again with the link');
    expect(words).not.toContain('may have stopped');
    // The status bar and the failed call say it in the same words.
    expect(await status.textContent()).toContain(
      'Ferry is running but no longer accepts this tab (it was restarted, or refused its session): open the console again with the link',
    );
    // One line: the counters stay whole, the message is cut short with its full text in a tooltip.
    const bar = new StatusBarPage(page);
    expect(await bar.wrappedParts()).toEqual([]);
    expect(await bar.notice.getAttribute('title')).toContain('no longer accepts this tab');
    // The refused reconnects are rightly logged by the browser; an unhandled rejection is not.
    const after = consoleErrors.slice(errorsBefore);
    expect(after.filter((e) => !/WebSocket|40[13]/.test(e))).toEqual([]);
  });
});
