// Issue 15 (long runs): a run whose grace passed while the computer slept is not fired late but shown
// "missed" in the Scheduled view. The console is stopped before the run is due and started again under
// libfaketime five minutes ahead: its wall clock jumps past the due time as after a suspend, with no
// test hook in the product.

import { describe, expect, it } from 'vitest';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { SchedulesPage } from './pages/Schedules';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a scheduled run missed during a suspend', () => {
  const open = useConsole();

  it('is recorded as missed, not fired late, and the Scheduled view shows its "missed" chip', async () => {
    const { app, page, consoleErrors } = await open({ preset: 'demo' });
    const client = await BridgeClient.connect(app.url);
    const due = new Date(Date.now() + 2 * 60_000);
    await client.invoke('schedules.create', {
      name: 'Nightly move',
      timing: { kind: 'once', at: due.toISOString(), timezone: 'UTC' },
      windowMinutes: null,
      graceMinutes: 0,
      request: {
        vmIds: ['DC0_C0_H0_VM0'],
        destHostId: 'DC0_C0_H2',
        type: 'compute',
        destDatastoreId: null,
        priority: 'default',
        options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
        acknowledgedWarnings: [],
      },
    });
    client.close();
    const view = new SchedulesPage(page);
    await view.open();
    await view.row('Nightly move').waitFor();
    expect(await view.row('Nightly move').getByText('missed', { exact: true }).count()).toBe(0);

    // Asleep across the due time: back five minutes later, three past the on-time margin.
    expect(await app.stop()).toBe(0);
    await app.start(Number(new URL(app.url).port), '+5m');
    await page.goto(app.url);
    await page.waitForSelector('body[data-ready="true"]');
    await view.open();
    const row = view.row('Nightly move');
    await row.getByText('missed', { exact: true }).waitFor();
    expect(await row.textContent()).toMatch(/missed\s*due/);
    const after = await BridgeClient.connect(app.url);
    const [schedule] = await after.invoke('schedules.list', {});
    expect(schedule).toMatchObject({ lastMissedAt: due.toISOString(), lastFiredAt: due.toISOString() });
    // Nothing was fired late: no task was asked for.
    expect((await after.invoke('tasks.list', { limit: 50 })).filter((t) => t.scheduleId === schedule?.id)).toEqual([]);
    after.close();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `schedule-missed-${scheme}`);
    }
    const offline = consoleErrors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|40[13]/.test(e));
    expect(offline).toEqual([]);
    // Stopped as an admin would: the console under the jumped clock exits cleanly, nothing is left running.
    const pid = app.pid;
    expect(await app.stop()).toBe(0);
    expect(pid !== null && isRunning(pid)).toBe(false);
  });
});
