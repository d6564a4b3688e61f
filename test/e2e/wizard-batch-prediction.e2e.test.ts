import { describe, expect, it } from 'vitest';
import { BridgeClient } from './bridge-client';
import { screenshot } from './console-app';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { RecentTasksPage } from './pages/RecentTasks';
import { useSharedConsole, type SharedConsole } from './shared-console';

/** Seconds in "about 1 min 30 s after Finish…", "~1 min 28 s" or "59 s". */
const seconds = (text: string): number => {
  const match = /(?:(\d+) min )?(\d+) s/.exec(text);
  if (!match) throw new Error(`no duration in "${text}"`);
  return Number(match[1] ?? 0) * 60 + Number(match[2]);
};

/** Five VMs of DC0_C1_H1 selected with Shift, sent to DC0_C1_H2: the wizard at its Ready page. */
async function fiveOntoH2({ page }: SharedConsole): Promise<MigrationWizardPage> {
  const inventory = new InventoryPage(page);
  await inventory.expand('DC0_C1_H1');
  await inventory.select('DC0_C1_H1_VM0');
  await inventory.selectAlso('DC0_C1_H1_VM4', 'Shift');
  const menu = await inventory.openMenu('DC0_C1_H1_VM0');
  await menu.getByRole('menuitem', { name: 'Move 5 VMs to…' }).click();
  const wizard = new MigrationWizardPage(page);
  await wizard.step('Destination').getByRole('list', { name: 'Destination hosts' }).waitFor();
  await wizard.pickHost('DC0_C1_H2');
  await wizard.goTo('Ready to complete');
  return wizard;
}

// New-user review: the Ready page predicted each VM of a batch as if it had the link alone (VM0 of
// five onto DC0_C1_H2 about 34 s, it took 1 min 55 s) and never said the fifth waits for the link cap.
describe('the Ready page predicts a batch as its moves share the links', () => {
  const session = useSharedConsole({ preset: 'demo', simSpeed: 20 });

  it('says when each VM is done and which cap the last one waits for', async () => {
    const { page, consoleErrors } = session();
    const wizard = await fiveOntoH2(session());

    // Four moves share the 5 Gb/s links: VM0 takes minutes, not the half minute it would alone.
    const first = await wizard.predicted('DC0_C1_H1_VM0');
    expect(first.duration).toMatch(/^about [12] min/);
    expect(first.done).toMatch(/^about [12] min \d+ s after Finish$/);
    // The fifth starts when a place on the link frees, and says for which cap.
    const last = await wizard.predicted('DC0_C1_H1_VM4');
    expect(last.done).toMatch(/after Finishwaits about \d+ s for the 5 Gb\/s link cap of DC0_C1_H[12] \(4 moves at a time\)$/);
    await screenshot(page, 'wizard-batch-prediction-light');
    await wizard.dialog.getByRole('button', { name: 'Cancel' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });
});

// New-user review 10, finding 4: the Ready page said the fifth VM would be done "about 1 min 30 s after
// Finish"; queued, its row then showed no ETA at all ("—").
describe('a queued move of a batch counts down to the Ready page\'s "after Finish"', () => {
  const session = useSharedConsole({ preset: 'demo' });

  it('shows the queued VM its predicted ETA, counting down', async () => {
    const { page, app, consoleErrors } = session();
    const wizard = await fiveOntoH2(session());
    const promised = seconds((await wizard.predicted('DC0_C1_H1_VM4')).done);
    const finishedAt = Date.now();
    await wizard.dialog.getByRole('button', { name: 'Finish' }).click();
    await wizard.dialog.waitFor({ state: 'hidden' });
    const recent = new RecentTasksPage(page);
    // Finish opened the Tasks view, where the pane steps aside.
    await recent.show();
    const eta = recent.cell('DC0_C1_H1_VM4', 'eta');
    await expect.poll(() => recent.cell('DC0_C1_H1_VM4', 'state').textContent()).toMatch(/link at cap/);
    await expect.poll(() => eta.textContent()).toMatch(/^~/);
    const first = seconds((await eta.textContent()) ?? '');
    const elapsed = (Date.now() - finishedAt) / 1000;
    // What the Ready page said, less the seconds since Finish (a second either way for rounding).
    expect(first).toBeGreaterThanOrEqual(promised - elapsed - 2);
    expect(first).toBeLessThanOrEqual(promised + 1);
    expect(await eta.locator('[title]').getAttribute('title')).toMatch(
      /^Predicted when it was requested: it starts about [\d a-z]+ after its request, then the move takes about /,
    );
    await expect.poll(async () => seconds((await eta.textContent()) ?? ''), { timeout: 10_000 }).toBeLessThanOrEqual(first - 2);
    await screenshot(page, 'recent-tasks-queued-eta-light');
    const client = await BridgeClient.connect(app.url);
    for (const task of await client.invoke('tasks.list', { limit: 50 }))
      if (task.state === 'queued' || task.state === 'running')
        await client.invoke('migration.cancel', { taskId: task.id }).catch(() => undefined);
    client.close();
    expect(consoleErrors).toEqual([]);
  });
});
