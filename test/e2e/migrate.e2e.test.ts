import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { NoticesPage } from './pages/Notices';
import { TasksPage } from './pages/Tasks';

describe('migrating from the console', () => {
  const open = useConsole();

  it('drag a VM onto a host → wizard → the task completes → the VM shows under the destination', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 20 });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM0', 'DC0_C0_H3');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    // The drop chose the destination: the short path opens on Ready to complete.
    await wizard.move('DC0_C0_H0_VM0').getByText('DC0_C0_H0 → DC0_C0_H3').waitFor();
    await screenshot(page, 'wizard');
    await wizard.finishFromCurrentStep();
    const tasks = new TasksPage(page);
    await tasks.waitForState('DC0_C0_H0_VM0', 'Completed');
    await screenshot(page, 'tasks');
    // Its details put the downtime the guest's users saw beside the hypervisor's figure.
    await tasks.expand('DC0_C0_H0_VM0');
    await page
      .getByRole('region', { name: 'Details of DC0_C0_H0_VM0' })
      .getByText(/reported by the hypervisor, \d+ m?s observed/)
      .waitFor();
    expect(await inventory.vmsOn('DC0_C0_H3')).toContain('DC0_C0_H0_VM0');
    expect(await inventory.vmsOn('DC0_C0_H0')).not.toContain('DC0_C0_H0_VM0');
    // The next Finish shows its own move, not the details of the one opened before (new-user review 11, 4).
    await inventory.dragVmToHost('DC0_C0_H0_VM5', 'DC0_C0_H3');
    await wizard.waitOpen();
    await wizard.finishFromCurrentStep();
    await tasks.row('DC0_C0_H0_VM5').waitFor();
    await page.getByRole('region', { name: 'Details of DC0_C0_H0_VM0' }).waitFor({ state: 'hidden' });
    expect(consoleErrors).toEqual([]);
  });

  it('states the risk of post-copy before it is allowed, and not when it is off', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 20 });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM0', 'DC0_C0_H3');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.goTo('Priority and options');
    const options = wizard.step('Priority and options');
    const risk = options.getByRole('note', { name: 'Post-copy risk' });
    await risk.getByText(/no way back.*split between both hosts/).waitFor();
    await screenshot(page, 'wizard-post-copy-risk');
    await options.getByLabel(/Allow post-copy/).uncheck();
    await risk.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('drag a powered-off VM → the wizard warns it moves cold → acknowledged, it lands on the destination', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 20 });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM4', 'DC0_C0_H1');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    const warning = wizard.ready.locator('[data-check="VM_POWERED_OFF"]');
    await warning.getByText('it moves cold').waitFor();
    expect(await wizard.dialog.getByRole('button', { name: 'Finish' }).isDisabled()).toBe(true);
    // Predicted as what it is (review 5): no pause, no memory passes, and no live-migration terms.
    const prediction = wizard.dialog.getByRole('table', { name: 'Prediction' }).getByRole('row', { name: /DC0_C0_H0_VM4/ });
    await prediction.getByText('none (powered off)').waitFor();
    expect(await prediction.textContent()).toContain('cold: the VM stays off');
    await wizard.ready.getByText(/The guest is powered off: it moves cold/).waitFor();
    expect(await wizard.ready.getByText(/Each guest pauses once/).count()).toBe(0);
    await warning.getByLabel('I understand; migrate anyway').check();
    await wizard.goTo('Priority and options');
    await wizard.step('Priority and options').getByText('This VM is powered off: it moves cold').waitFor();
    await wizard.finishFromCurrentStep();
    const tasks = new TasksPage(page);
    await tasks.waitForState('DC0_C0_H0_VM4', 'Completed');
    await tasks.row('DC0_C0_H0_VM4').getByText('DC0_C0_H0 → DC0_C0_H1, cold').waitFor();
    await tasks.row('DC0_C0_H0_VM4').getByText('none (off)').waitFor();
    expect(await inventory.vmsOn('DC0_C0_H1')).toContain('DC0_C0_H0_VM4');
    expect(await inventory.vmsOn('DC0_C0_H0')).not.toContain('DC0_C0_H0_VM4');
    // Its history says the same as the Tasks view: no pause, not "0 ms" (new-user review 10, 3).
    await inventory.expand('DC0_C0_H1');
    await inventory.select('DC0_C0_H0_VM4');
    await page.getByRole('tab', { name: 'Summary' }).click();
    const history = page.getByRole('table', { name: 'Migration history' }).getByRole('row', { name: /DC0_C0_H0 → DC0_C0_H1/ });
    await expect.poll(() => history.textContent()).toContain('none (off)');
    expect(consoleErrors).toEqual([]);
  });

  it('new-user review 8 (M1): a host in the lower part of the tree stays under a pointer held on it, and takes the drop', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo' });
    await page.setViewportSize({ width: 1280, height: 800 });
    const inventory = new InventoryPage(page);
    // Enough open that the tree scrolls, and the host sits in its lower part.
    for (const host of ['DC0_C0_H0', 'DC0_C0_H1', 'DC0_C0_H2']) await inventory.expand(host);
    const vm = (await inventory.vmsOn('DC0_C0_H2'))[0] as string;
    const target = page.locator('[data-drop-host="DC0_C0_H3"]');
    // The host put 60 px above the bottom of the tree's scrolled panel: low in it, not at its edge.
    const panel = await target.evaluate((host) => {
      let panel = host.parentElement;
      while (panel && panel.scrollHeight <= panel.clientHeight) panel = panel.parentElement;
      if (!panel) throw new Error('the tree does not scroll');
      const bottom = panel.getBoundingClientRect().top + panel.clientHeight;
      panel.scrollTop += host.getBoundingClientRect().bottom - (bottom - 60);
      return { top: panel.getBoundingClientRect().top, bottom };
    });
    const before = await target.boundingBox();
    expect(before && before.y + before.height).toBeCloseTo(panel.bottom - 60, 0);
    let held: { y: number } | null = null;
    await inventory.dragVmToHost(vm, 'DC0_C0_H3', async (host) => {
      await page.waitForTimeout(800);
      held = await host.boundingBox();
    });
    expect(held).toMatchObject({ y: before?.y });
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.move(vm).getByText('DC0_C0_H2 → DC0_C0_H3').waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('a pointer held at the very edge of the tree scrolls it, to reach hosts out of view', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo' });
    await page.setViewportSize({ width: 1280, height: 800 });
    const inventory = new InventoryPage(page);
    for (const host of ['DC0_C0_H0', 'DC0_C0_H1', 'DC0_C0_H2']) await inventory.expand(host);
    const source = page.locator('[data-vm-drag="DC0_C0_H0_VM0"]');
    await source.scrollIntoViewIfNeeded();
    const panel = await source.evaluate((vm) => {
      let panel = vm.parentElement;
      while (panel && panel.scrollHeight <= panel.clientHeight) panel = panel.parentElement;
      if (!panel) throw new Error('the tree does not scroll');
      panel.scrollTop = 0;
      panel.dataset.edgeProbe = 'yes';
      return { bottom: panel.getBoundingClientRect().top + panel.clientHeight };
    });
    const from = await source.boundingBox();
    if (!from) throw new Error('cannot see DC0_C0_H0_VM0');
    await page.mouse.move(from.x + 20, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + from.height / 2 + 10, { steps: 4 });
    await page.mouse.move(from.x + 40, panel.bottom - 4, { steps: 12 });
    await page.waitForTimeout(800);
    const scrolled = await page.locator('[data-edge-probe="yes"]').evaluate((e) => e.scrollTop);
    await page.keyboard.press('Escape');
    await page.mouse.up();
    expect(scrolled).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });

  it('an invalid drop says why and opens nothing', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo' });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    // While over the host, its reason shows beside it (one tooltip for the drag, not one per host row).
    let tip: { text: string; besideHost: boolean } | null = null;
    await inventory.dragVmToHost('DC0_C0_H0_VM0', 'DC0_C1_H0', async (host) => {
      const tooltip = page.getByRole('tooltip');
      await tooltip.waitFor();
      const [t, h] = [await tooltip.boundingBox(), await host.boundingBox()];
      tip = {
        text: (await tooltip.textContent()) ?? '',
        besideHost: Boolean(t && h && t.x >= h.x + h.width - 1 && t.y < h.y + h.height && h.y < t.y + t.height),
      };
    });
    expect(tip).toMatchObject({ text: expect.stringMatching(/runs on Intel CPUs and .* has AMD CPUs/) as unknown, besideHost: true });
    const notice = new NoticesPage(page).withTitle('DC0_C0_H0_VM0 cannot move to DC0_C1_H0');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/runs on Intel CPUs and .* has AMD CPUs/);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('cancel a running migration → it rolls back and the VM stays on its source', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 1 });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H1');
    // 64 GiB over 10 Gb/s takes about a minute: time enough to cancel.
    await inventory.dragVmToHost('DC0_C0_H1_VM3', 'DC0_C0_H3');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.finishFromCurrentStep();
    const tasks = new TasksPage(page);
    await tasks.waitForState('DC0_C0_H1_VM3', 'Running');
    await tasks.row('DC0_C0_H1_VM3').getByText('Copying memory').waitFor();
    await tasks.cancel('DC0_C0_H1_VM3');
    await tasks.waitForState('DC0_C0_H1_VM3', 'Cancelled, rolled back');
    await tasks.expand('DC0_C0_H1_VM3');
    // Its notice may still be on screen with the same words: read the details.
    // The words first, the code last as the reference to quote.
    const details = page.getByRole('region', { name: 'Details of DC0_C0_H1_VM3' });
    await details.getByText(/cancelled by the user/).waitFor();
    await details.getByText('Reference: CANCELLED', { exact: true }).waitFor();
    expect(await inventory.vmsOn('DC0_C0_H1')).toContain('DC0_C0_H1_VM3');
    expect(await inventory.vmsOn('DC0_C0_H3')).not.toContain('DC0_C0_H1_VM3');
    expect(consoleErrors).toEqual([]);
  });

  it('the keyboard path: context menu → Migrate… → choose a host → finish → completed', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 20 });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H2');
    await inventory.openMenuWithKeyboard('DC0_C0_H2_VM1');
    await page.keyboard.press('Enter'); // "Migrate…" is the first item
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    // One VM's Migrate… opens on Destination.
    await page.keyboard.press('Tab');
    await wizard.chooseHost('DC0_C0_H1');
    await wizard.finishFromCurrentStep();
    await new TasksPage(page).waitForState('DC0_C0_H2_VM1', 'Completed');
    expect(await inventory.vmsOn('DC0_C0_H1')).toContain('DC0_C0_H2_VM1');
    expect(consoleErrors).toEqual([]);
  });

  it('a failure injected from Settings rolls the migration back and says why', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 20 });
    await page.getByRole('button', { name: 'Settings' }).click();
    const faults = page.getByRole('region', { name: 'Fault injection' });
    await faults.getByRole('combobox', { name: 'Operation' }).click();
    await page.getByRole('option', { name: 'switchover', exact: true }).click();
    await faults.getByRole('button', { name: 'Add rule' }).click();
    await faults.getByText('switchover on * (0/1 struck)').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM5', 'DC0_C0_H2');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.finishFromCurrentStep();
    const tasks = new TasksPage(page);
    await tasks.waitForState('DC0_C0_H0_VM5', 'Rolled back');
    await tasks.expand('DC0_C0_H0_VM5');
    // The task's details explain it by its code; so does the notice that the migration ended.
    await page
      .getByRole('region', { name: 'Details of DC0_C0_H0_VM5' })
      .getByText(/SWITCHOVER_FAILED/)
      .waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Migration of DC0_C0_H0_VM5' })
      .getByText(/SWITCHOVER_FAILED/)
      .waitFor();
    expect(await inventory.vmsOn('DC0_C0_H0')).toContain('DC0_C0_H0_VM5');
    expect(consoleErrors).toEqual([]);
  });
});
