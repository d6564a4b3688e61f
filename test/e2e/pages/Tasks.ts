import type { Locator, Page } from 'playwright-core';
import { revealRow } from './grid-rows';

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

  /** A task's row, by the VM it moves (another row's State may name that VM: "held for the earlier migration of …"). */
  row(vmName: string): Locator {
    const name = this.page.locator('[data-field="vmName"]', { hasText: new RegExp(`(^|\\s)${vmName}$`) });
    return this.grid.getByRole('row').filter({ has: name }).first();
  }

  /** One cell of a task's row, by the column's field (vmName, route, state, progress, eta, downtime, startedAt, finishedAt, priority, requestedBy). */
  cell(vmName: string, field: string): Locator {
    return this.row(vmName).locator(`[data-field="${field}"]`);
  }

  /** Scrolls the grid until the task's row is rendered: the grid renders only the rows in view. */
  reveal(vmName: string): Promise<void> {
    return revealRow(this.page, this.grid, this.row(vmName));
  }

  async waitForState(vmName: string, state: string, timeout = 60_000): Promise<void> {
    await this.reveal(vmName);
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

  /** The heading of the detail pane: which task it shows ("VM: from → to"). */
  get detailHeading(): Locator {
    return this.page.getByRole('heading', { name: /^\S+: .+ → / });
  }

  /** The detail pane's Cancel, for the task opened (the grid's Cancel column may have given way). */
  get detailCancel(): Locator {
    return this.page.getByRole('button', { name: 'Cancel this migration' });
  }

  /** A column header's title, by the column's field. */
  headerTitle(field: string): Locator {
    return this.grid.locator(`.MuiDataGrid-columnHeader[data-field="${field}"] .MuiDataGrid-columnHeaderTitle`);
  }

  /** Whether a task's row says it is the one opened (aria-selected). */
  async selected(vmName: string): Promise<boolean> {
    return (await this.row(vmName).getAttribute('aria-selected')) === 'true';
  }

  /** Whether a task's row lies wholly inside the rows' area the grid shows (not scrolled out of view). */
  async rowInView(vmName: string): Promise<boolean> {
    const area = await this.grid.locator('.MuiDataGrid-virtualScroller').boundingBox();
    const header = await this.grid.locator('.MuiDataGrid-columnHeaders').boundingBox();
    const row = (await this.row(vmName).count()) ? await this.row(vmName).boundingBox() : null;
    if (!area || !header || !row) return false;
    return row.y >= header.y + header.height - 0.5 && row.y + row.height <= area.y + area.height + 0.5;
  }

  /**
   * How many pixels of the topmost row the grid shows lie under its column header (0 when that row shows whole):
   * the rows scroll beneath the sticky header, so a scroll that stops mid-row leaves a row half hidden (review c3).
   */
  async topRowHiddenPx(): Promise<number> {
    const header = await this.grid.locator('.MuiDataGrid-columnHeaders').boundingBox();
    if (!header) throw new Error('the tasks grid shows no column header');
    const headerBottom = header.y + header.height;
    const tops = await this.grid
      .locator('.MuiDataGrid-row')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect()).map((b) => ({ top: b.top, bottom: b.bottom })));
    const shown = tops.filter((b) => b.bottom > headerBottom + 0.5).sort((a, b) => a.top - b.top)[0];
    return shown ? Math.max(0, Math.round(headerBottom - shown.top)) : 0;
  }

  /** The VM names of the rows, top to bottom. */
  async vmNames(): Promise<string[]> {
    return this.grid
      .locator('.MuiDataGrid-row [data-field="vmName"]')
      .allTextContents()
      .then((t) => t.map((s) => s.replace(/^[▾▴]\s*/, '').trim()));
  }

  /** The columns the grid's Manage columns panel lists, by the names it gives them; the panel is closed again. */
  async managedColumns(): Promise<string[]> {
    await this.grid.getByRole('columnheader', { name: 'VM', exact: true }).hover();
    await this.grid.getByRole('button', { name: 'VM column menu' }).click();
    await this.page.getByRole('menuitem', { name: 'Manage columns' }).click();
    const rows = this.page.locator('.MuiDataGrid-columnsManagementRow');
    await rows.first().waitFor();
    const names = (await rows.allTextContents()).map((t) => t.trim());
    await this.page.keyboard.press('Escape');
    await rows.first().waitFor({ state: 'detached' });
    return names;
  }

  /** Text a column's header shows on screen (a name read only by screen readers is not shown). */
  shownHeaderText(field: string): Promise<string> {
    return this.grid
      .locator(`.MuiDataGrid-columnHeader[data-field="${field}"]`)
      .locator('*')
      .evaluateAll((all) =>
        (all as unknown as { children: { length: number }; textContent: string | null; getBoundingClientRect(): { width: number } }[])
          .filter((e) => e.children.length === 0 && e.textContent && e.getBoundingClientRect().width > 1)
          .map((e) => e.textContent)
          .join(''),
      );
  }

  /**
   * Opens a task's details. Rows move while tasks start (a started task goes to the top): a click that fell as its
   * row moved is given again, only while the row still offers "Show details" (the button says "Hide" once it took).
   */
  async expand(vmName: string): Promise<void> {
    const show = this.row(vmName).getByRole('button', { name: `Show details of ${vmName}` });
    const detail = this.detail(vmName);
    for (let attempt = 0; ; attempt++) {
      if (await show.count()) {
        await show.scrollIntoViewIfNeeded();
        await show.click();
      }
      try {
        await detail.waitFor({ timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
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

  /** The detail pane's size: how tall it is, and how much of what it holds it scrolls out of sight. */
  detailRoom(vmName: string): Promise<{ height: number; hidden: number }> {
    return this.detail(vmName).evaluate((d) => {
      const pane = d.parentElement!;
      return { height: Math.round(pane.getBoundingClientRect().height), hidden: pane.scrollHeight - pane.clientHeight };
    });
  }

  /** How many rows the grid shows whole in its rows' area, as the admin sees them. */
  rowsShown(): Promise<number> {
    return this.grid.evaluate((g) => {
      const area = g.querySelector('.MuiDataGrid-virtualScroller')!.getBoundingClientRect();
      const header = g.querySelector('.MuiDataGrid-columnHeaders')!.getBoundingClientRect();
      return Array.from(g.querySelectorAll('.MuiDataGrid-row'), (r) => (r as typeof g).getBoundingClientRect()).filter(
        (r) => r.top >= header.bottom - 0.5 && r.bottom <= area.bottom + 0.5,
      ).length;
    });
  }

  /** How many pixels the rows would scroll sideways (0 when everything fits). */
  sidewaysOverflow(): Promise<number> {
    return this.grid.locator('.MuiDataGrid-virtualScroller').evaluate((e) => e.scrollWidth - e.clientWidth);
  }
}
