import type { Locator, Page } from 'playwright-core';

/** The Tasks view: one grid row per migration. */
export class TasksPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Tasks' }).click();
    await this.page.getByRole('grid', { name: 'Migration tasks' }).waitFor();
  }

  row(vmName: string): Locator {
    return this.page.getByRole('grid', { name: 'Migration tasks' }).getByRole('row').filter({ hasText: vmName }).first();
  }

  async waitForState(vmName: string, state: string, timeout = 60_000): Promise<void> {
    await this.row(vmName).getByText(state, { exact: true }).waitFor({ timeout });
  }

  async cancel(vmName: string): Promise<void> {
    await this.row(vmName)
      .getByRole('button', { name: `Cancel migration of ${vmName}` })
      .click();
  }

  async expand(vmName: string): Promise<void> {
    await this.row(vmName)
      .getByRole('button', { name: `Show details of ${vmName}` })
      .click();
    await this.page.getByRole('region', { name: `Details of ${vmName}` }).waitFor();
  }
}
