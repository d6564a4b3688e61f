import type { Locator, Page } from 'playwright-core';

/** The Scheduled view. */
export class SchedulesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Scheduled' }).click();
  }

  row(name: string): Locator {
    return this.page.getByRole('table', { name: 'Schedules' }).getByRole('row', { name });
  }
}
