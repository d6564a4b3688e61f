import type { Locator, Page } from 'playwright-core';

/** The migration wizard dialog. */
export class MigrationWizardPage {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async waitOpen(): Promise<void> {
    await this.dialog.waitFor();
  }

  step(name: string): Locator {
    return this.dialog.getByRole('region', { name });
  }

  /** The name of the step the wizard shows now. */
  currentStep(): Promise<string | null> {
    return this.dialog.getByRole('region').getAttribute('aria-label');
  }

  /** The last page: every move, the settings and the prediction. */
  get ready(): Locator {
    return this.step('Ready to complete');
  }

  /** The row of one VM in the Ready to complete page's Moves table. */
  move(vmName: string): Locator {
    return this.ready.getByRole('table', { name: 'Moves' }).locator(`tr[data-vm="${vmName}"]`);
  }

  /** One VM's row of the Ready to complete page's Prediction table, by column: VM, Duration, Downtime, Done, … */
  async predicted(vmName: string): Promise<{ duration: string; downtime: string; done: string }> {
    const row = this.ready.getByRole('table', { name: 'Prediction' }).locator(`tr[data-vm="${vmName}"]`);
    await row.waitFor();
    const [, duration = '', downtime = '', done = ''] = await row.locator('td').allTextContents();
    return { duration, downtime, done };
  }

  /** What the footer says beside the buttons: what keeps Next or Finish disabled, and which VMs a batch leaves out. */
  get footerNote(): Locator {
    return this.dialog.locator('.MuiDialogActions-root [aria-live]');
  }

  /** Ready to complete's "What these choices mean", one line each. */
  consequences(): Promise<string[]> {
    return this.ready.locator('li').allTextContents();
  }

  /** Ticks "I understand; migrate anyway" under a check (by its code) that warns. */
  async acknowledge(code: string): Promise<void> {
    await this.dialog.locator(`[data-check="${code}"]`).first().getByRole('checkbox').check();
  }

  /** Jumps to a step with the stepper (every earlier step is one click away). */
  async goTo(name: string): Promise<void> {
    await this.stepButton(name).click();
    await this.step(name).waitFor();
  }

  /** A step in the stepper (MUI gives a non-linear stepper's steps the tab role). */
  stepButton(name: string): Locator {
    return this.dialog.getByRole('tab', { name, exact: true });
  }

  /** Clicks a host of the Destination step's list, whatever its checks then say. */
  async pickHost(name: string): Promise<void> {
    await this.dialog
      .getByRole('list', { name: 'Destination hosts' })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) })
      .click();
  }

  async chooseHost(name: string): Promise<void> {
    await this.pickHost(name);
    await this.dialog.getByText('all compatibility checks passed').first().waitFor();
  }

  /** The Destination step's ranked hosts as listed, in order: name, stars (0: blocked) and hints. */
  destinations(): Promise<{ host: string; rating: number; hints: string }[]> {
    return this.dialog
      .getByRole('list', { name: 'Destination hosts' })
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons.map((b) => ({
          host: b.querySelector('.MuiStack-root > :first-child')?.textContent ?? '',
          rating: Number(/rated (\d)/.exec(b.querySelector('[aria-label^="rated"]')?.getAttribute('aria-label') ?? '')?.[1] ?? 0),
          hints: b.querySelector('.MuiListItemText-secondary')?.textContent ?? '',
        })),
      );
  }

  /** The host marked as chosen in the Destination step's list (null when none is). */
  async chosenHost(): Promise<string | null> {
    const chosen = this.dialog.getByRole('list', { name: 'Destination hosts' }).locator('[aria-current="true"]');
    return (await chosen.count()) === 1 ? chosen.locator('.MuiStack-root > :first-child').textContent() : null;
  }

  /** Above the Destination step's hosts: the VMs a compute-only move finds no host for because of where their disks are. */
  diskBoundNote(): Locator {
    return this.step('Destination').getByRole('note', { name: 'Disks no host reaches' });
  }

  /** The Migration type step's choice, as its radio button's label says it. */
  async chosenType(): Promise<string | null> {
    await this.goTo('Migration type');
    const checked = this.step('Migration type').locator('label:has(input[type="radio"]:checked) p').first();
    return checked.textContent();
  }

  /** Gives one VM of a batch its own destination (Destination step). */
  async setVmDestination(vmName: string, hostName: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: `Destination of ${vmName}` }).click();
    await this.page.getByRole('listbox').getByRole('option', { name: hostName, exact: true }).click();
    await this.page.getByRole('listbox').waitFor({ state: 'hidden' });
  }

  /** Chooses the Migration type step's radio button by its label ("Change storage only"). */
  async chooseType(label: string): Promise<void> {
    await this.goTo('Migration type');
    await this.step('Migration type').getByRole('radio', { name: label }).check();
  }

  /** A row of the Datastore step's table of the batch's datastores, by the store's name. */
  batchDatastore(name: string): Locator {
    return this.step('Datastore')
      .getByRole('table', { name: 'Datastores' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('radio', { name, exact: true }) });
  }

  /** Chooses the batch's datastore (Datastore step). */
  async chooseBatchDatastore(name: string): Promise<void> {
    await this.batchDatastore(name).getByRole('radio', { name, exact: true }).check();
  }

  /** One VM's row of the Datastore step's "Datastore of each VM" table (`data-unreached` marks a store its host does not reach). */
  vmDatastoreRow(vmName: string): Locator {
    return this.step('Datastore').getByRole('table', { name: 'Datastore of each VM' }).locator(`tr[data-vm="${vmName}"]`);
  }

  /** Gives one VM of a batch its own datastore (Datastore step); its options read "NAME — 4.0 TiB free" or "NAME — keep its disks there (…)". */
  async setVmDatastore(vmName: string, storeName: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: `Datastore of ${vmName}` }).click();
    await this.page
      .getByRole('listbox')
      .getByRole('option', { name: new RegExp(`^${storeName} — `) })
      .click();
    await this.page.getByRole('listbox').waitFor({ state: 'hidden' });
  }

  /** The VMs the wizard moves, as its Virtual machines step lists them (its chips, "web01 (4 GiB)"), read from that step. */
  async chosenVms(): Promise<string[]> {
    await this.goTo('Virtual machines');
    const chips = await this.step('Virtual machines').locator('.MuiChip-label').allTextContents();
    return chips.map((label) => label.replace(/ \([^)]*\)$/, ''));
  }

  async next(): Promise<void> {
    const next = this.dialog.getByRole('button', { name: 'Next' });
    await next.and(this.page.locator(':not([disabled])')).waitFor();
    await next.click();
  }

  /** Steps forward to Ready to complete, then finishes; returns when the wizard has closed. */
  async finishFromCurrentStep(): Promise<void> {
    // The wizard's code loads on first use: the dialog may open a moment after the drop or click.
    await this.dialog.waitFor();
    while (!(await this.ready.isVisible())) await this.next();
    await this.dialog.getByRole('table', { name: 'Prediction' }).waitFor();
    const finish = this.dialog.getByRole('button', { name: 'Finish' });
    await finish.and(this.page.locator(':not([disabled])')).waitFor();
    await finish.click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
