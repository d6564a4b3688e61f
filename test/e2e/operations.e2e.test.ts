import { describe, expect, it } from 'vitest';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { HostSummaryPage } from './pages/HostSummary';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { RecommendationsPage } from './pages/Recommendations';
import { SchedulesPage } from './pages/Schedules';

describe('operations in the console', () => {
  const open = useConsole();

  it('maintenance mode: plan, confirm, watch n of m moved, then leave it', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 20 });
    const inventory = new InventoryPage(page);
    await inventory.select('DC0_C0_H3');
    const summary = new HostSummaryPage(page);
    const plan = await summary.enterMaintenance();
    expect(await plan.getByRole('row').count()).toBe(7);
    await screenshot(page, 'maintenance-plan');
    await summary.confirm(plan);
    await summary
      .progressText()
      .filter({ hasText: /Entering maintenance \(\d of 6 moved\)/ })
      .waitFor();
    await summary.progressText().filter({ hasText: 'In maintenance: no VM runs on this host.' }).waitFor({ timeout: 60_000 });
    expect(await inventory.vmsOn('DC0_C0_H3')).toEqual([]);
    await summary.maintenance.getByRole('button', { name: 'Exit maintenance mode' }).click();
    await summary.maintenance.getByRole('button', { name: 'Enter maintenance mode…' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('schedules a migration from the wizard and shows its next runs; pause and delete', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo' });
    const schedules = new SchedulesPage(page);
    await schedules.open();
    await page.getByRole('button', { name: 'New scheduled migration' }).click();
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await page.getByRole('combobox', { name: 'Virtual machines' }).fill('DC0_C0_H0_VM0');
    await page.getByRole('option', { name: 'DC0_C0_H0_VM0' }).click();
    await wizard.next();
    await wizard.next();
    await wizard.chooseHost('DC0_C0_H2');
    // Datastore, network, options: on to the schedule.
    for (let i = 0; i < 4; i++) await wizard.next();
    await page.getByRole('radio', { name: 'Recurring (cron)' }).check();
    await page.getByRole('textbox', { name: 'Cron expression' }).fill('30 1 * * 0');
    await page.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Paris');
    await page.getByRole('textbox', { name: 'Schedule name' }).fill('Sunday move');
    await page.getByText(/^Next runs \(Europe\/Paris\): .+/).waitFor();
    await wizard.next();
    await wizard.dialog.getByRole('button', { name: 'Schedule' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    const row = schedules.row('Sunday move');
    await row.waitFor();
    expect(await row.textContent()).toContain('every Sunday at 01:30 Europe/Paris');
    await screenshot(page, 'scheduled');
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('paused').waitFor();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('recommends balancing moves with reasons and applies one as a task', async () => {
    const { app, page, consoleErrors } = await open({ preset: 'demo', simSpeed: 100 });
    const client = await BridgeClient.connect(app.url);
    // Crowd DC0_C1_H0 with the big guests of its neighbours: its cluster is then far out of balance.
    const { taskIds } = await client.invoke('migration.start', {
      vmIds: ['DC0_C1_H1_VM1', 'DC0_C1_H1_VM4', 'DC0_C1_H2_VM2'],
      destHostId: 'DC0_C1_H0',
      type: 'compute',
      destDatastoreId: null,
      priority: 'default',
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: ['INSUFFICIENT_CPU'],
    });
    for (const taskId of taskIds) {
      for (let i = 0; (await client.invoke('tasks.detail', { taskId })).task.phase !== 'done'; i++) {
        if (i > 600) throw new Error('the setup migrations did not finish');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await client.invoke('clusters.setPolicy', {
      clusterId: 'DC0_C1',
      policy: { balancing: 'manual', threshold: 5, degradedHost: 'recommend' },
    });
    const listed = await client.invoke('recommendations.list', {});
    expect(listed.balancing.filter((r) => r.clusterId === 'DC0_C1').length).toBeGreaterThan(0);
    client.close();
    const recommendations = new RecommendationsPage(page);
    await recommendations.open();
    const cluster = recommendations.cluster('DC0_C1');
    const apply = cluster.getByRole('button', { name: /^Apply: move / }).first();
    await apply.waitFor();
    await screenshot(page, 'recommendations');
    expect(
      await cluster
        .getByText(/is the busiest host of DC0_C1/)
        .first()
        .isVisible(),
    ).toBe(true);
    await apply.click();
    await page.getByRole('status').filter({ hasText: '1 migration queued' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
