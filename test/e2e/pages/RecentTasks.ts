import type { Locator, Page } from 'playwright-core';
import { revealRow } from './grid-rows';

/** The Recent tasks pane docked under every view. */
export class RecentTasksPage {
  constructor(private readonly page: Page) {}

  get pane(): Locator {
    return this.page.getByRole('region', { name: 'Recent tasks' });
  }

  get grid(): Locator {
    return this.pane.getByRole('grid', { name: 'Recent tasks' });
  }

  get toggle(): Locator {
    return this.pane.getByRole('button', { name: /^(Collapse|Expand) recent tasks$/ });
  }

  get handle(): Locator {
    return this.page.getByRole('separator', { name: 'Resize recent tasks' });
  }

  /** A task's row, by the VM it moves (another row's State may name that VM: "held for the earlier migration of …"). */
  row(vmName: string): Locator {
    const name = this.page.locator('[data-field="vmName"]', { hasText: new RegExp(`(^|\\s)${vmName}$`) });
    return this.grid.getByRole('row').filter({ has: name }).first();
  }

  cell(vmName: string, field: string): Locator {
    return this.row(vmName).locator(`[data-field="${field}"]`);
  }

  /** Scrolls the pane until the task's row is rendered: it renders only the rows in view. */
  reveal(vmName: string): Promise<void> {
    return revealRow(this.page, this.grid, this.row(vmName));
  }

  cancelButton(vmName: string): Locator {
    return this.row(vmName).getByRole('button', { name: `Cancel migration of ${vmName}` });
  }

  /** Shows the pane: it steps aside while the full Tasks view is current (the view lists the same rows), so the Summary. */
  async show(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Summary' }).click();
    await this.pane.waitFor();
  }

  async collapsed(): Promise<boolean> {
    return (await this.toggle.getAttribute('aria-expanded')) === 'false';
  }

  async setCollapsed(collapsed: boolean): Promise<void> {
    if ((await this.collapsed()) !== collapsed) await this.toggle.click();
    await this.toggle.and(this.page.locator(`[aria-expanded="${String(!collapsed)}"]`)).waitFor();
  }

  async height(): Promise<number> {
    return (await this.pane.boundingBox())?.height ?? 0;
  }

  /** Drags the handle by dy pixels (negative: up, the pane grows). */
  async dragHandle(dy: number): Promise<void> {
    const box = await this.handle.boundingBox();
    if (!box) throw new Error('no resize handle');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x, y + dy / 2, { steps: 4 });
    await this.page.mouse.move(x, y + dy, { steps: 4 });
    await this.page.mouse.up();
  }

  /** How many pixels the rows would scroll sideways (0 when everything fits). */
  sidewaysOverflow(): Promise<number> {
    return this.grid.locator('.MuiDataGrid-virtualScroller').evaluate((e) => e.scrollWidth - e.clientWidth);
  }

  /** Opens a task in the full Tasks view (its detail), the way a click on its row does. */
  async open(vmName: string): Promise<void> {
    await this.cell(vmName, 'route').click();
  }
}
