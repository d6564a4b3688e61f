import type { Locator, Page } from 'playwright-core';

/** The Scheduled view. */
export class SchedulesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Scheduled' }).click();
  }

  row(name: string | RegExp): Locator {
    return this.page.getByRole('table', { name: 'Schedules' }).getByRole('row', { name });
  }

  /** Opens the schedule in the migration wizard, every step filled with what it does now. */
  async edit(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Edit' }).click();
    await this.page.getByRole('dialog', { name: `Edit schedule ${name}` }).waitFor();
  }
}

/** The wizard opened to edit a schedule: jump to any step from the stepper, as creating allows. */
export class ScheduleWizardPage {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async goTo(step: string): Promise<void> {
    await this.dialog.getByRole('tablist').getByRole('tab', { name: step, exact: true }).click();
    await this.dialog.getByRole('region', { name: step }).waitFor();
  }

  /** Types into a field by its label (text and number fields alike). */
  async fill(label: string, value: string): Promise<void> {
    await this.dialog.getByLabel(label, { exact: true }).fill(value);
  }

  /** What a field says under it: its helper text, or its problem. */
  async said(label: string): Promise<string> {
    const id = await this.dialog.getByLabel(label, { exact: true }).getAttribute('aria-describedby');
    return id ? ((await this.dialog.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }
}
