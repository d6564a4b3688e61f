import type { Locator, Page } from 'playwright-core';

/** The Summary of a selected cluster: its facts and its CPU baseline (EVC) panel. */
export class ClusterSummaryPage {
  constructor(private readonly page: Page) {}

  get baseline(): Locator {
    return this.page.getByRole('group', { name: 'CPU baseline' });
  }

  async choose(option: string | RegExp): Promise<void> {
    await this.baseline.getByRole('combobox', { name: 'Baseline' }).click();
    await this.page.getByRole('option', { name: option }).click();
    await this.baseline.getByRole('button', { name: 'Set baseline' }).click();
  }

  guestsBeyond(): Locator {
    return this.baseline.getByLabel('Guests beyond the baseline');
  }
}
