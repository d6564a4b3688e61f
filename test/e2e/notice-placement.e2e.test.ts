import { describe, expect, it } from 'vitest';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { acknowledgedRequest, BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { NoticesPage } from './pages/Notices';
import { RecentTasksPage } from './pages/RecentTasks';
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
      const notice = new NoticesPage(page).withTitle(`${vm} migrated`);
      await notice.waitFor();
      await pane.cancelButton('DC0_C0_H0_VM0').waitFor();
      const noticeBox = await notice.boundingBox();
      const paneBox = await pane.pane.boundingBox();
      await screenshot(page, `notice-over-recent-tasks-${width}`);
      expect(noticeBox && paneBox, 'both shown').toBeTruthy();
      // Above the pane's top edge: nothing of the pane (rows, Cancel buttons, header) is under it.
      expect(noticeBox!.y + noticeBox!.height, `at ${width} px`).toBeLessThanOrEqual(paneBox!.y);
      // A taller pane pushes the notice up with it.
      await pane.dragHandle(-80);
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
});
