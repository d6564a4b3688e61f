import type { Locator, Page } from 'playwright-core';

/** The Tasks view: one grid row per migration. */
export class TasksPage {
  constructor(private readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Migration tasks' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Tasks' }).click();
    await this.grid.waitFor();
  }

  row(vmName: string): Locator {
    return this.grid.getByRole('row').filter({ hasText: vmName }).first();
  }

  /** One cell of a task's row, by the column's field (vmName, route, state, progress, eta, downtime, startedAt, finishedAt, priority, requestedBy). */
  cell(vmName: string, field: string): Locator {
    return this.row(vmName).locator(`[data-field="${field}"]`);
  }

  async waitForState(vmName: string, state: string, timeout = 60_000): Promise<void> {
    await this.row(vmName).getByText(state, { exact: true }).waitFor({ timeout });
  }

  cancelButton(vmName: string): Locator {
    return this.row(vmName).getByRole('button', { name: `Cancel migration of ${vmName}` });
  }

  async cancel(vmName: string): Promise<void> {
    await this.cancelButton(vmName).click();
  }

  detail(vmName: string): Locator {
    return this.page.getByRole('region', { name: `Details of ${vmName}` });
  }

  async expand(vmName: string): Promise<void> {
    await this.row(vmName)
      .getByRole('button', { name: `Show details of ${vmName}` })
      .click();
    await this.detail(vmName).waitFor();
  }

  /** Shows or hides a column from the grid's column menu (Manage columns), as the admin does. */
  async chooseColumn(name: string, shown: boolean): Promise<void> {
    // By its field: hovering adds the menu button's words to the header's name.
    const header = this.grid.locator('[role="columnheader"][data-field="state"]');
    await header.hover();
    await header.getByRole('button', { name: /menu/i }).click();
    await this.page.getByRole('menuitem', { name: 'Manage columns' }).click();
    await this.page.getByRole('checkbox', { name, exact: true }).setChecked(shown);
    await this.page.keyboard.press('Escape');
  }

  /** Column headers (by their names) whose right edge lies beyond what the grid shows without scrolling. */
  async headersOffScreen(names: string[]): Promise<string[]> {
    const box = await this.grid.boundingBox();
    if (!box) throw new Error('the tasks grid is not visible');
    const off: string[] = [];
    for (const name of names) {
      const header = this.grid.getByRole('columnheader', { name, exact: true });
      const h = (await header.count()) ? await header.boundingBox() : null;
      if (!h || h.x + h.width > box.x + box.width + 0.5) off.push(name);
    }
    return off;
  }

  /** How many pixels the rows would scroll sideways (0 when everything fits). */
  sidewaysOverflow(): Promise<number> {
    return this.grid.locator('.MuiDataGrid-virtualScroller').evaluate((e) => e.scrollWidth - e.clientWidth);
  }
}
