import type { Locator, Page } from 'playwright-core';

/** The Summary of a selected host: its maintenance mode controls and progress. */
export class HostSummaryPage {
  constructor(private readonly page: Page) {}

  get maintenance(): Locator {
    return this.page.getByRole('region', { name: 'Maintenance mode' });
  }

  async enterMaintenance(): Promise<Locator> {
    await this.maintenance.getByRole('button', { name: 'Enter maintenance mode…' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('table', { name: 'Planned moves' }).waitFor();
    return dialog;
  }

  async confirm(dialog: Locator): Promise<void> {
    await dialog.getByRole('button', { name: 'Enter maintenance mode' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  progressText(): Locator {
    return this.maintenance.getByTestId('maintenance-progress');
  }
}
