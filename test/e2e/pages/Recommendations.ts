import type { Locator, Page } from 'playwright-core';

/** The Recommendations view: per cluster, its policy and balancing moves. */
export class RecommendationsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Recommendations' }).click();
  }

  cluster(name: string): Locator {
    return this.page.getByRole('region', { name: `Cluster ${name}` });
  }
}
