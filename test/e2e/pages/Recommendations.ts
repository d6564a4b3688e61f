import type { Locator, Page } from 'playwright-core';

/** The Recommendations view: per cluster, its policy and balancing moves; the history of moves applied. */
export class RecommendationsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Recommendations' }).click();
  }

  cluster(name: string): Locator {
    return this.page.getByRole('region', { name: `Cluster ${name}` });
  }

  /** The cluster's Balancing select (its shown value is the select's text). */
  balancing(cluster: string): Locator {
    return this.cluster(cluster).getByRole('combobox', { name: 'Balancing' });
  }

  async chooseBalancing(cluster: string, option: string | RegExp): Promise<void> {
    await this.balancing(cluster).click();
    await this.page.getByRole('option', { name: option }).click();
  }

  threshold(cluster: string): Locator {
    return this.cluster(cluster).getByRole('slider', { name: `${cluster} balancing threshold` });
  }

  /** Moves the threshold slider one step with the keyboard, as an admin would. */
  async nudgeThreshold(cluster: string, direction: 'up' | 'down'): Promise<void> {
    await this.threshold(cluster).focus();
    await this.page.keyboard.press(direction === 'up' ? 'ArrowRight' : 'ArrowLeft');
  }

  /** The recommended moves of a cluster, one line of text each (VM, from → to, why, cost). */
  async moves(cluster: string): Promise<string[]> {
    const table = this.cluster(cluster).getByRole('table', { name: `Recommendations for ${cluster}` });
    await this.cluster(cluster)
      .getByText(/Balanced: no move would help enough|Apply all/)
      .first()
      .waitFor();
    if (!(await table.isVisible())) return [];
    return table.locator('tbody tr').allTextContents();
  }

  apply(vmName: string): Locator {
    return this.page.getByRole('button', { name: `Apply: move ${vmName}`, exact: true });
  }

  history(): Locator {
    return this.page.getByRole('table', { name: 'Applied recommendations' });
  }
}
