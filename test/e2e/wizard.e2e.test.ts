import { describe, expect, it } from 'vitest';
import { acknowledgedRequest, BridgeClient } from './bridge-client';
import { screenshot, watchConsole } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { sidewaysOverflow } from './pages/overflow';
import { SchedulesPage, ScheduleWizardPage } from './pages/Schedules';
import { TasksPage } from './pages/Tasks';
import { useSharedConsole } from './shared-console';

// One console for the file: each test moves its own VMs.
describe('the migration wizard: short path, Ready to complete, batches', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('Shift-click selects a range, and dragging one of it drags them all', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H3');
    await inventory.select('DC0_C0_H3_VM1');
    await inventory.selectAlso('DC0_C0_H3_VM3', 'Shift');
    await expect
      .poll(() => page.getByTestId('selection-announcer').textContent())
      .toBe('3 selected: DC0_C0_H3_VM1, DC0_C0_H3_VM2, DC0_C0_H3_VM3');
    expect(await inventory.selectedNames()).toEqual(['DC0_C0_H3_VM1', 'DC0_C0_H3_VM2', 'DC0_C0_H3_VM3']);
    expect(await inventory.checkedCount()).toBe(0);
    // New-user review 7: a screen reader heard "3 VMs is over DC0_C0_H0."
    await inventory.dragVmToHost('DC0_C0_H3_VM2', 'DC0_C0_H0', async () => {
      await expect.poll(() => inventory.dragAnnouncement()).toBe('3 VMs are over DC0_C0_H0.');
    });
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.dialog.getByRole('heading', { name: 'Migrate 3 virtual machines' }).waitFor();
    for (const vm of ['DC0_C0_H3_VM1', 'DC0_C0_H3_VM2', 'DC0_C0_H3_VM3'])
      await wizard.move(vm).getByText('DC0_C0_H3 → DC0_C0_H0').waitFor();
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it('a drop opens Ready to complete with every move, setting and prediction, and finishes in one step', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM5', 'DC0_C0_H2');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const move = wizard.move('DC0_C0_H0_VM5');
    await move.getByText('DC0_C0_H0 → DC0_C0_H2').waitFor();
    await move.getByText(/^stays on DC0_C0_DS0/).waitFor();
    await move.getByText(/DC0_C0_PG0, same MACs/).waitFor();
    await move.getByText('Ready', { exact: true }).waitFor();
    const settings = wizard.ready.getByRole('table', { name: 'Settings' });
    await settings.getByRole('row', { name: /Priority\s+Default/ }).waitFor();
    await settings.getByRole('row', { name: /Schedule\s+Now/ }).waitFor();
    await settings.getByRole('row', { name: /Migration type\s+Compute only/ }).waitFor();
    await wizard.dialog
      .getByRole('table', { name: 'Prediction' })
      .getByRole('row', { name: /DC0_C0_H0_VM5\s+about/ })
      .waitFor();
    // The other steps are one click away.
    expect(await wizard.stepButton('Priority and options').isEnabled()).toBe(true);
    await screenshot(page, 'wizard-ready-to-complete-light');
    await wizard.dialog.getByRole('button', { name: 'Finish' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    await new TasksPage(page).waitForState('DC0_C0_H0_VM5', 'Completed');
    expect(await inventory.vmsOn('DC0_C0_H2')).toContain('DC0_C0_H0_VM5');
    expect(consoleErrors).toEqual([]);
  });

  it('Ctrl-click three VMs, drag them together: two destinations, and the blocked one does not block the others', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H1');
    await inventory.select('DC0_C0_H1_VM2');
    await inventory.selectAlso('DC0_C0_H1_VM4', 'Control');
    await inventory.selectAlso('DC0_C0_H1_VM5', 'Control'); // GPU passthrough: cannot migrate
    // Screen readers hear the selection by name.
    await expect
      .poll(() => page.getByTestId('selection-announcer').textContent())
      .toBe('3 selected: DC0_C0_H1_VM2, DC0_C0_H1_VM4, DC0_C0_H1_VM5');
    expect(await inventory.selectedNames()).toEqual(['DC0_C0_H1_VM2', 'DC0_C0_H1_VM4', 'DC0_C0_H1_VM5']);
    await inventory.dragVmToHost('DC0_C0_H1_VM2', 'DC0_C0_H2');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.dialog.getByRole('heading', { name: 'Migrate 3 virtual machines' }).waitFor();
    await wizard.goTo('Destination');
    // The hosts are ranked for the whole batch: each says the VM that cannot go there (review 5, F19).
    await wizard.dialog
      .getByRole('list', { name: 'Destination hosts' })
      .getByRole('button', { name: /^DC0_C0_H2\b/ })
      .getByText(/1 of 3 VMs cannot move here \(DC0_C0_H1_VM5\)/)
      .waitFor();
    await wizard.setVmDestination('DC0_C0_H1_VM4', 'DC0_C0_H3');
    await wizard.goTo('Ready to complete');
    await wizard.move('DC0_C0_H1_VM2').getByText('DC0_C0_H1 → DC0_C0_H2').waitFor();
    await wizard.move('DC0_C0_H1_VM4').getByText('DC0_C0_H1 → DC0_C0_H3').waitFor();
    await wizard
      .move('DC0_C0_H1_VM5')
      .getByText(/^Will not move: /)
      .waitFor();
    const notMoving = wizard.ready.getByRole('note', { name: 'VMs that will not move' });
    await notMoving.getByText('1 of 3 VMs will not move; the other 2 proceed').waitFor();
    await notMoving.getByText('DC0_C0_H1_VM5').first().waitFor();
    // Its reason names it already: "DC0_C0_H1_VM5: DC0_C0_H1_VM5 uses…" said it twice (new-user review 13).
    expect((await notMoving.innerText()).split('DC0_C0_H1_VM5').length - 1).toBe(1);
    await wizard.dialog
      .getByRole('table', { name: 'Prediction' })
      .getByRole('row', { name: /DC0_C0_H1_VM4/ })
      .waitFor();
    await screenshot(page, 'wizard-batch-blocked-light');
    await wizard.finishFromCurrentStep();
    const tasks = new TasksPage(page);
    await tasks.waitForState('DC0_C0_H1_VM2', 'Completed');
    await tasks.waitForState('DC0_C0_H1_VM4', 'Completed');
    expect(await tasks.row('DC0_C0_H1_VM5').count()).toBe(0);
    expect(await inventory.vmsOn('DC0_C0_H2')).toContain('DC0_C0_H1_VM2');
    expect(await inventory.vmsOn('DC0_C0_H3')).toContain('DC0_C0_H1_VM4');
    expect(await inventory.vmsOn('DC0_C0_H1')).toContain('DC0_C0_H1_VM5');
    expect(consoleErrors).toEqual([]);
  });
  it('the ranked hosts stay as first listed while the admin chooses, the chosen one marked, though host loads move on', async () => {
    const { app, page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H3');
    await inventory.item('DC0_C0_H3_VM4').focus();
    await page.keyboard.press('Control+m');
    const wizard = new MigrationWizardPage(page);
    await wizard.step('Destination').getByRole('list', { name: 'Destination hosts' }).waitFor();
    const listed = await wizard.destinations();
    const second = listed[1]?.host ?? '';
    expect(listed[1]?.rating).toBeGreaterThan(0);
    await wizard.chooseHost(second);
    // The hosts' loads (every 2 s) change the engine's ranking now: a ranking asked again would differ.
    const client = await BridgeClient.connect(app.url);
    const asNow = async () =>
      (await client.invoke('migration.recommend', { vmId: 'DC0_C0_H3_VM4', type: 'compute' })).map((r) => ({
        host: r.hostName,
        rating: r.rating,
        hints: r.reasons.slice(0, 3).join(' · '),
      }));
    await expect.poll(asNow, { timeout: 20_000 }).not.toEqual(listed);
    client.close();
    // Onwards and back (the review's path): the same hosts in the same order with the same hints, the chosen one marked.
    await wizard.next();
    await wizard.step('Datastore').waitFor();
    await wizard.goTo('Destination');
    expect(await wizard.destinations()).toEqual(listed);
    expect(await wizard.chosenHost()).toBe(second);
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it('per-VM destinations show where each VM goes and mark the hosts it cannot go to, with the reason (F5)', async () => {
    const { page, consoleErrors } = session();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C1_H0');
    await inventory.expand('DC0_C1_H1');
    await inventory.select('DC0_C1_H0_VM1'); // local disk: cannot move compute-only
    await inventory.selectAlso('DC0_C1_H0_VM2', 'Control');
    await inventory.selectAlso('DC0_C1_H1_VM2', 'Control'); // already on the destination
    // Review 2, F13: the "Migrate 3 VMs" chip under the pointer sat on the host's name.
    const chip = page.getByText('Migrate 3 VMs', { exact: true });
    let overlap = 'no chip seen';
    await inventory.dragVmToHost('DC0_C1_H0_VM2', 'DC0_C1_H1', async (host) => {
      const [a, b] = [await chip.boundingBox(), await host.boundingBox()];
      if (!a || !b) return;
      const crosses = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      overlap = crosses ? `chip ${JSON.stringify(a)} over host ${JSON.stringify(b)}` : '';
    });
    expect(overlap).toBe('');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    // Review 2: a wizard opened by a drop of several VMs holds choices already: Escape asks first.
    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Discard this migration?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'detached' });
    const notMoving = wizard.ready.getByRole('note', { name: 'VMs that will not move' });
    await notMoving.getByText('2 of 3 VMs will not move; the other one proceeds').waitFor();
    await wizard.goTo('Destination');
    // Review 2, F13: at 1280 px the step's content scrolled sideways by 2 px.
    await page.setViewportSize({ width: 1280, height: 800 });
    const content = wizard.dialog.locator('.MuiDialogContent-root');
    await expect.poll(() => sidewaysOverflow(content)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    const select = wizard.dialog.getByRole('combobox', { name: 'Destination of DC0_C1_H0_VM2' });
    await select.getByText("DC0_C1_H1 (the batch's)").waitFor();
    await select.click();
    const listbox = page.getByRole('listbox');
    // Its own host and the Intel hosts are blocked for this AMD guest, and say why; a fellow AMD host is offered.
    const own = listbox.getByRole('option', { name: /^DC0_C1_H0\b/ });
    expect(await own.getAttribute('aria-disabled')).toBe('true');
    expect(await own.textContent()).toMatch(/blocked: .*already runs on DC0_C1_H0/i);
    const intel = listbox.getByRole('option', { name: /^DC0_C0_H1\b/ });
    expect(await intel.getAttribute('aria-disabled')).toBe('true');
    expect(await intel.textContent()).toMatch(/blocked: /);
    expect(await listbox.getByRole('option', { name: 'DC0_C1_H2', exact: true }).getAttribute('aria-disabled')).not.toBe('true');
    await screenshot(page, 'wizard-per-vm-destination-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'wizard-per-vm-destination-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await listbox.waitFor({ state: 'hidden' });
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it('a new schedule: a title before any VM, Escape asks before losing the form, and bad input is flagged at its field (F6, F7)', async () => {
    const { page, consoleErrors } = session();
    await page.getByRole('tab', { name: 'Scheduled' }).click();
    await page.getByRole('button', { name: 'New scheduled migration' }).click();
    const wizard = new ScheduleWizardPage(page);
    await wizard.dialog.getByRole('heading', { name: 'Schedule a migration', exact: true }).waitFor();
    const picker = wizard.dialog.getByRole('combobox', { name: 'Virtual machines' });
    await picker.fill('DC0_C1_H2_VM0');
    await page.getByRole('option', { name: 'DC0_C1_H2_VM0' }).click();
    // F7: Escape after the choice (the picker is closed) asks first; keeping on keeps the choice.
    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Discard this migration?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'detached' });
    await wizard.dialog.getByText(/^DC0_C1_H2_VM0 \(/).waitFor();

    await wizard.goTo('Destination');
    await wizard.dialog
      .getByRole('list', { name: 'Destination hosts' })
      .getByRole('button', { name: /^DC0_C1_H1\b/ })
      .click();
    await wizard.dialog.getByText('all compatibility checks passed').first().waitFor();
    await wizard.goTo('Schedule');
    await wizard.dialog.getByRole('radio', { name: 'Recurring (cron)' }).check();
    const next = wizard.dialog.getByRole('button', { name: 'Next' });
    const field = (label: string) => wizard.dialog.getByLabel(label, { exact: true });
    /** Types a bad value: the field says why in words (no codes), and Next waits; then the good value. */
    const rejects = async (label: string, bad: string, words: RegExp, good: string) => {
      await wizard.fill(label, bad);
      await expect.poll(() => field(label).getAttribute('aria-invalid')).toBe('true');
      const said = (await wizard.dialog.locator(`[id="${await field(label).getAttribute('aria-describedby')}"]`).textContent()) ?? '';
      expect(said).toMatch(words);
      expect(said).not.toMatch(/[A-Z]{3,}_[A-Z]+|CronPattern|Too big|expected/);
      expect(await next.isDisabled()).toBe(true);
      await wizard.fill(label, good);
      await expect.poll(() => field(label).getAttribute('aria-invalid')).toBe('false');
    };
    // As the admin meets it: every bad field flagged at once, in both themes.
    await wizard.fill('Cron expression', 'bogus cron');
    await wizard.fill('Time zone', 'Mars/Base');
    await wizard.fill('Window (minutes, empty = none)', '-3');
    await screenshot(page, 'wizard-schedule-invalid-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'wizard-schedule-invalid-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await wizard.fill('Time zone', 'Europe/Rome');
    await wizard.fill('Window (minutes, empty = none)', '');
    await rejects('Cron expression', 'bogus cron', /five fields/i, '0 2 * * 1-5');
    await rejects('Cron expression', '0 25 * * *', /hour/i, '0 2 * * 1-5');
    await rejects('Time zone', 'Mars/Base', /unknown time zone/i, 'Europe/Rome');
    await rejects('Schedule name', 'x'.repeat(300), /120 characters/, 'Weekday move of VM0');
    // Review 2, F13: 31 February never comes, and a name of spaces reads as no name in the list.
    await rejects('Cron expression', '0 2 31 2 *', /never/i, '0 2 * * 1-5');
    await rejects('Schedule name', '   ', /only spaces/i, 'Weekday move of VM0');
    await rejects('Window (minutes, empty = none)', '-3', /at least 1/i, '1');
    expect(await next.isDisabled()).toBe(false);
    await screenshot(page, 'wizard-schedule-checked-light');
    await wizard.goTo('Ready to complete');
    await wizard.dialog
      .getByRole('table', { name: 'Settings' })
      .getByRole('row', { name: /Schedule\s+Recurring: every weekday at 02:00 Europe\/Rome, within 1 minute$/ })
      .waitFor();
    // Escape on a filled wizard, then Discard: closed, nothing scheduled.
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: 'Discard' }).click();
    await wizard.dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it("review 3 (F3, F4): schedule times read on the schedule's own clock with its zone named, whatever the browser's; a new zone keeps the typed time", async () => {
    const { app, page: shared } = session();
    // A browser in a zone of its own, apart from every schedule's: a time shown on the browser's clock gives itself away.
    const page = await shared
      .context()
      .browser()!
      .newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce', timezoneId: 'Asia/Tokyo' });
    const consoleErrors = watchConsole(page);
    try {
      await page.goto(app.url);
      await page.waitForSelector('body[data-ready="true"]');
      await page.getByRole('tab', { name: 'Scheduled' }).click();
      await page.getByRole('button', { name: 'New scheduled migration' }).click();
      const wizard = new ScheduleWizardPage(page);
      const picker = wizard.dialog.getByRole('combobox', { name: 'Virtual machines' });
      await picker.fill('DC0_C1_H2_VM1');
      await page.getByRole('option', { name: 'DC0_C1_H2_VM1' }).click();
      await wizard.goTo('Destination');
      await wizard.dialog
        .getByRole('list', { name: 'Destination hosts' })
        .getByRole('button', { name: /^DC0_C1_H1\b/ })
        .click();
      await wizard.goTo('Schedule');
      const year = new Date().getUTCFullYear() + 1;
      // F4: the time typed first, then the zone, typed as an admin types it (through names that are no zone yet).
      await wizard.fill('Time zone', 'UTC');
      await wizard.fill('Start at', `${year}-07-01T21:26`);
      const zone = wizard.dialog.getByLabel('Time zone', { exact: true });
      await zone.fill('');
      await zone.pressSequentially('Europe/Rome');
      expect(await wizard.dialog.getByLabel('Start at', { exact: true }).inputValue()).toBe(`${year}-07-01T21:26`);
      // Next year's date shows its year (review 5, F4).
      await wizard.dialog.getByText(new RegExp(`^Next runs \\(Europe/Rome\\): \\w{3} 1 Jul ${year} 21:26$`)).waitFor();
      // F3: Ready to complete says the same time, in that zone, named.
      await wizard.goTo('Ready to complete');
      await wizard.dialog
        .getByRole('table', { name: 'Settings' })
        .getByRole('row', { name: new RegExp(`Schedule\\s+Once, at 1 Jul ${year}, 21:26 Europe/Rome$`) })
        .waitFor();
      await wizard.dialog.getByText(`it starts at 1 Jul ${year}, 21:26 Europe/Rome;`, { exact: false }).waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `wizard-ready-schedule-zone-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
      const ask = page.getByRole('alertdialog', { name: 'Discard this migration?' });
      if (await ask.isVisible()) await ask.getByRole('button', { name: 'Discard' }).click();
      await wizard.dialog.waitFor({ state: 'detached' });

      // F3: the Scheduled view's last result, on a New York schedule's clock.
      const client = await BridgeClient.connect(app.url);
      const target = { vmIds: ['DC0_C1_H2_VM1'], destHostId: 'DC0_C1_H1', type: 'compute' as const, destDatastoreId: null };
      const request = await acknowledgedRequest(client, target);
      const due = new Date(Date.now() + 3000);
      await client.invoke('schedules.create', {
        name: 'New York move',
        timing: { kind: 'once', at: due.toISOString(), timezone: 'America/New_York' },
        windowMinutes: null,
        graceMinutes: 5,
        request,
      });
      client.close();
      const view = new SchedulesPage(page);
      const row = view.row(/New York move/);
      await row.getByText(/^(Queued|Running|Completed)/).waitFor({ timeout: 30_000 });
      const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', hourCycle: 'h23' }).format(due);
      expect(await row.textContent()).toMatch(
        new RegExp(`(Queued|Running|Completed)\\s*\\d{1,2} \\w{3} \\d{4}, ${hour}:\\d{2} America/New_York`),
      );
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `schedules-last-result-zone-${scheme}`);
      }
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
