import { describe, expect, it } from 'vitest';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { acknowledgedRequest, BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { controlsUnder, NoticesPage } from './pages/Notices';
import { RecentTasksPage } from './pages/RecentTasks';
import { SettingsPage } from './pages/Settings';
import { TasksPage } from './pages/Tasks';
import { useSharedConsole } from './shared-console';

const MiB = 1024 ** 2;

// Review 8, m12: at 1024 and 1280 px a "… migrated" notice covered the Cancel buttons of the docked pane.
describe('notices never cover the Recent tasks pane', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  /** Starts a move, acknowledging its warnings; a bandwidth cap keeps it running (its row keeps a Cancel button). */
  const start = async (vmId: string, destHostId: string, bandwidthLimitBps: number | null) => {
    const client = await BridgeClient.connect(session().app.url);
    const target = { vmIds: [vmId], destHostId, type: 'compute' as const, destDatastoreId: null };
    const options = {
      bandwidthLimitBps,
      convergence: { ...defaultConvergencePolicy, completionTimeoutSecPerGiB: 3600, progressTimeoutSec: 3600 },
    };
    await client.invoke('migration.start', await acknowledgedRequest(client, target, { options }));
    client.close();
  };

  it('a finished migration’s notice stands clear of the pane and its Cancel buttons, at 1024 and 1280 px', async () => {
    const { page, consoleErrors } = session();
    const pane = new RecentTasksPage(page);
    await start('DC0_C0_H0_VM0', 'DC0_C0_H3', 20 * MiB);
    for (const [width, vm] of [
      [1024, 'DC0_C0_H0_VM5'],
      [1280, 'DC0_C0_H0_VM1'],
    ] as const) {
      await page.setViewportSize({ width, height: 768 });
      await start(vm, 'DC0_C0_H2', null);
      const notices = new NoticesPage(page);
      const notice = notices.withTitle(`${vm} migrated`);
      await notice.waitFor();
      // Held under the pointer while it is measured: the checks never race its auto-hide.
      await notices.hold(notice);
      await pane.cancelButton('DC0_C0_H0_VM0').waitFor();
      const noticeBox = await notice.boundingBox();
      const paneBox = await pane.pane.boundingBox();
      await screenshot(page, `notice-over-recent-tasks-${width}`);
      expect(noticeBox && paneBox, 'both shown').toBeTruthy();
      // Above the pane's top edge: nothing of the pane (rows, Cancel buttons, header) is under it.
      expect(noticeBox!.y + noticeBox!.height, `at ${width} px`).toBeLessThanOrEqual(paneBox!.y);
      // A taller pane pushes the notice up with it (the drag takes the pointer off the notice: held again at once).
      await pane.dragHandle(-80);
      await notices.hold(notice);
      const paneTop = (await pane.pane.boundingBox())?.y ?? 0;
      expect(paneTop).toBeLessThan(paneBox!.y - 40);
      const noticeBottom = async () => {
        const box = await notice.boundingBox();
        return box ? box.y + box.height : Infinity;
      };
      await expect.poll(noticeBottom).toBeLessThanOrEqual(paneTop);
      await notice.getByRole('button', { name: 'Close' }).click();
      await notice.waitFor({ state: 'detached' });
    }
    expect(consoleErrors).toEqual([]);
  });

  // New-user review of issue 14, finding 17: at 1280×800 "DC0_C0_H0_VM5 migrated" hid the Tasks grid's "Rows per page".
  it('a notice covers no control (the Tasks grid’s pager, the pane’s), at 1024, 1280 and 1440 px', async () => {
    const { page, consoleErrors } = session();
    const tasks = new TasksPage(page);
    await tasks.open();
    for (const [width, height, vm] of [
      [1024, 768, 'DC0_C0_H1_VM2'],
      [1280, 800, 'DC0_C0_H1_VM4'],
      [1440, 900, 'DC0_C0_H3_VM4'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await start(vm, 'DC0_C0_H2', null);
      const notices = new NoticesPage(page);
      const notice = notices.withTitle(`${vm} migrated`);
      await notice.waitFor();
      await notices.hold(notice);
      await page.getByText('Rows per page:').waitFor();
      await screenshot(page, `notice-over-tasks-${width}`);
      const covered = await controlsUnder(notice);
      expect(covered, `controls under the notice at ${width}×${height}`).toEqual([]);
      await notice.getByRole('button', { name: 'Close' }).click();
      await notice.waitFor({ state: 'detached' });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(consoleErrors).toEqual([]);
  });

  // New-user review 11: a dialog hides the rest of the page from assistive technology, and the
  // notice with it: one that arrived while a dialog was open was never read out.
  it('a notice that arrives while a dialog is open is announced, and only once', async () => {
    const { page, consoleErrors } = session();
    const settings = new SettingsPage(page);
    await settings.open();
    const vm = 'DC0_C0_H2_VM1';
    await start(vm, 'DC0_C0_H0', null);
    // getByRole leaves out what aria-hidden hides: found here, the notice is in the accessibility tree.
    const announced = new NoticesPage(page).withTitle(`${vm} migrated`);
    await announced.waitFor();
    expect(await announced.count()).toBe(1);
    await settings.dialog.getByRole('button', { name: 'Cancel' }).click();
    await settings.dialog.waitFor({ state: 'detached' });
    // Once the dialog is gone the notice itself is reachable, with its Close button, still once.
    await expect.poll(() => announced.count()).toBe(1);
    await announced.getByRole('button', { name: 'Close' }).click();
    await announced.waitFor({ state: 'detached' });
    // One shown before a dialog (or a menu: MUI's hide the page too) opens is not read out again.
    const before = 'DC0_C0_H2_VM5';
    await start(before, 'DC0_C0_H0', null);
    const notices = new NoticesPage(page);
    const shown = notices.withTitle(`${before} migrated`);
    await shown.waitFor();
    await settings.open();
    await expect.poll(() => shown.count()).toBe(0);
    // Still drawn (its time stops while a dialog covers it): only hidden from screen readers, as the dialog hides the page.
    expect(await notices.shown(`${before} migrated`).count()).toBe(1);
    await settings.dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(consoleErrors).toEqual([]);
  });
});
