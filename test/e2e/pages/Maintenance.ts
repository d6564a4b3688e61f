import type { Locator, Page } from 'playwright-core';

/** A host's maintenance panel (Summary), its plan dialogs and the status bar's word on maintenance. */
export class MaintenancePage {
  constructor(private readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Maintenance mode' });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  progress(): Locator {
    return this.panel.getByTestId('maintenance-progress');
  }

  /** Opens the evacuation plan and waits for it. */
  async openPlan(): Promise<Locator> {
    await this.panel.getByRole('button', { name: 'Enter maintenance mode…' }).click();
    await this.dialog.getByRole('table', { name: 'Planned moves' }).waitFor();
    return this.dialog;
  }

  plannedRow(vmName: string): Locator {
    return this.dialog.getByRole('table', { name: 'Planned moves' }).getByRole('row').filter({ hasText: vmName });
  }

  async confirmPlan(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Enter maintenance mode' }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  /** While entering, leaving is asked first: confirmed here. */
  async exit(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Exit maintenance mode' }).click();
    const confirm = this.confirmExit();
    await confirm
      .or(this.panel.getByRole('button', { name: 'Enter maintenance mode…' }))
      .first()
      .waitFor();
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Leave maintenance' }).click();
  }

  /** "Leave maintenance of … while it is entering?" */
  confirmExit(): Locator {
    return this.page.getByRole('dialog', { name: /^Leave maintenance of .* while it is entering\?$/ });
  }

  /** The same question once the host finished entering while it was asked: "… is now in maintenance: leave it?" */
  confirmExitEntered(): Locator {
    return this.page.getByRole('dialog', { name: /^.* is now in maintenance: leave it\?$/ });
  }

  /** "Moving VMs back (n of m moved)" while a failback runs. */
  failbackProgress(): Locator {
    return this.panel.getByTestId('failback-progress');
  }

  /** In the plan: what entering does to the migrations into the host under way. */
  plannedIncoming(): Locator {
    return this.dialog.getByTestId('plan-incoming');
  }

  /** In the plan: what the prechecks warn of for the planned moves (a guest that may not converge), one alert a move. */
  moveWarnings(): Locator {
    return this.dialog.getByTestId('plan-move-warnings');
  }

  /** In the plan: the powered-off VMs that stay on the host, unless asked to move cold. */
  poweredOffStaying(): Locator {
    return this.dialog.getByTestId('plan-powered-off-staying');
  }

  /** In the progress: how those migrations into the host went. */
  incoming(): Locator {
    return this.panel.getByTestId('maintenance-incoming');
  }

  exitReport(): Locator {
    return this.panel.getByTestId('maintenance-exit-report');
  }

  /** Closes the report of leaving while entering (review 5, finding 22). */
  async dismissExitReport(): Promise<void> {
    await this.exitReport().getByRole('button', { name: 'Close' }).click();
    await this.exitReport().waitFor({ state: 'detached' });
  }

  cannotMove(vmName: string): Locator {
    return this.panel.getByRole('listitem').filter({ hasText: vmName });
  }

  /** Retry on a VM whose evacuation move failed (review 5, finding 20). */
  async retry(vmName: string): Promise<void> {
    await this.cannotMove(vmName).getByRole('button', { name: 'Retry' }).click();
  }

  /** "Move with its disk…" on a VM left behind (its disk on the host's own datastore): its confirmation. */
  async askMoveWithDisk(vmName: string): Promise<Locator> {
    await this.cannotMove(vmName)
      .getByRole('button', { name: /^Move with its disk/ })
      .click();
    await this.moveWithDiskDialog.waitFor({ timeout: 10_000 });
    // Its words name the destination once the move is planned (a loaded machine took longer than a first look).
    await this.moveWithDiskDialog.getByLabel('Planning the move').waitFor({ state: 'detached' });
    return this.moveWithDiskDialog;
  }

  /** "Move … with its disk to …?" */
  get moveWithDiskDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Move .* with its disk/ });
  }

  /** "Power off and move cold…" on a VM left behind: its confirmation. */
  async askPowerOff(vmName: string): Promise<Locator> {
    await this.cannotMove(vmName).getByRole('button', { name: 'Power off and move cold…' }).click();
    await this.dialog.waitFor();
    return this.dialog;
  }

  /** "Force power off…", offered once the graceful shutdown timed out: its (second) confirmation. */
  async askForcedPowerOff(vmName: string): Promise<Locator> {
    await this.cannotMove(vmName).getByRole('button', { name: 'Force power off…' }).click();
    await this.dialog.waitFor();
    return this.dialog;
  }

  /** The confirmation of a power-off, over the failback plan when it asks from there. */
  get powerOffDialog(): Locator {
    return this.page.getByRole('dialog', { name: /move it (back )?cold\?$/ });
  }

  /** Confirms it; `powerOnAfter` checks "Power it on at its destination" first. */
  async confirmPowerOff(options: { powerOnAfter?: boolean } = {}): Promise<void> {
    const dialog = this.powerOffDialog;
    if (options.powerOnAfter) await dialog.getByRole('checkbox', { name: 'Power it on at its destination' }).check();
    await dialog.getByRole('button', { name: /^(Shut down and move|Force power off and move)$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** In the failback plan: a VM it cannot move back, with its reason and actions. */
  cannotMoveBack(vmName: string): Locator {
    return this.dialog.getByRole('list', { name: 'VMs that cannot move back' }).getByRole('listitem').filter({ hasText: vmName });
  }

  /** "Power off and move back cold…" in the failback plan: its confirmation. */
  async askPowerOffBack(vmName: string): Promise<Locator> {
    await this.cannotMoveBack(vmName).getByRole('button', { name: 'Power off and move back cold…' }).click();
    await this.powerOffDialog.waitFor();
    return this.powerOffDialog;
  }

  /** Opens the failback plan offered after leaving maintenance. */
  async openFailback(): Promise<Locator> {
    await this.panel.getByRole('button', { name: /^Move them back…/ }).click();
    await this.dialog.getByRole('table', { name: 'Failback moves' }).waitFor();
    return this.dialog;
  }

  /** The evacuation's bar, read by its aria-valuetext (a full bar may still be a maintenance that cannot finish). */
  evacuationBar(): Locator {
    return this.panel.getByRole('progressbar', { name: 'Evacuation progress' });
  }

  /** After a failback: what it did not move back, offered until answered (new-user review, finding A). */
  leftByFailback(): Locator {
    return this.panel.getByTestId('failback-left');
  }

  /** In the panel, after a failback: a VM it did not move back, with its reason and action. */
  notMovedBack(vmName: string): Locator {
    return this.leftByFailback().getByRole('list', { name: 'VMs that cannot move back' }).getByRole('listitem').filter({ hasText: vmName });
  }

  /** In the failback plan: a VM's move back. */
  failbackRow(vmName: string): Locator {
    return this.dialog.getByRole('table', { name: 'Failback moves' }).getByRole('row').filter({ hasText: vmName });
  }

  /** In the failback plan: the datastore a VM's disks go back to, the admin's to choose (issue #14). */
  failbackStore(vmName: string): Locator {
    return this.dialog.getByRole('combobox', { name: `Datastore for ${vmName}'s disks` });
  }

  /** Confirms the failback plan ("Move them back") and waits for its dialog to close. */
  async confirmFailback(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Move them back', exact: true }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  /** The status bar's word on maintenance. */
  statusBar(): Locator {
    return this.page.getByRole('status', { name: 'Status' }).getByTestId('maintenance-status');
  }
}
