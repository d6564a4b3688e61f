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

  async chooseHost(name: string): Promise<void> {
    await this.dialog.getByRole('list', { name: 'Destination hosts' }).getByRole('button', { name, exact: true }).click();
    await this.dialog.getByText('all compatibility checks passed').waitFor();
  }

  async next(): Promise<void> {
    const next = this.dialog.getByRole('button', { name: 'Next' });
    await next.and(this.page.locator(':not([disabled])')).waitFor();
    await next.click();
  }

  /** Steps forward to the review, then finishes; returns when the wizard has closed. */
  async finishFromCurrentStep(): Promise<void> {
    while (!(await this.step('Review').isVisible())) await this.next();
    await this.dialog.getByRole('table', { name: 'Prediction' }).waitFor();
    await this.dialog.getByRole('button', { name: 'Finish' }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
