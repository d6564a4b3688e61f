import type { Download, Locator, Page } from 'playwright-core';
import { sidewaysOverflow } from './overflow';

/** The Audit view: filters, the server-paged grid, Verify and Export. */
export class AuditPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Audit' }).click();
    await this.grid.waitFor();
  }

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Audit records' });
  }

  get filters(): Locator {
    return this.page.getByRole('search', { name: 'Audit filters' });
  }

  /** The toggle that shows the less-used filters (actor, VM, host, action, outcome). */
  get moreFilters(): Locator {
    return this.filters.getByRole('button', { name: /^(More|Fewer) filters/ });
  }

  /** Types into a filter by its label, first showing the less-used filters when it is one of them. */
  async filterBy(label: string, value: string): Promise<void> {
    const field = this.filters.getByLabel(label, { exact: true });
    if ((await field.count()) === 0) {
      await this.showMoreFilters();
      await field.waitFor();
    }
    await field.fill(value);
  }

  /** The filter another view opened the trail with (a maintenance), as a chip. */
  get scopeChip(): Locator {
    return this.page.getByTestId('audit-scope');
  }

  async clearScope(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear this filter' }).click();
  }

  /** How many pixels the rows would scroll sideways (0 when every column fits). */
  sidewaysOverflow(): Promise<number> {
    return sidewaysOverflow(this.grid.locator('.MuiDataGrid-virtualScroller'));
  }

  /** A record's cell by the column's field (time, actor, action, vmName, …), in the row at that index. */
  cell(row: number, field: string): Locator {
    return this.rows().nth(row).locator(`[data-field="${field}"]`);
  }

  /** A column's header title, by the column's field. */
  headerTitle(field: string): Locator {
    return this.grid.locator(`.MuiDataGrid-columnHeader[data-field="${field}"] .MuiDataGrid-columnHeaderTitle`);
  }

  /** The link in a record's Operation cell (its maintenance, failback or batch), in the row at that index. */
  operationLink(row: number): Locator {
    return this.cell(row, 'operation').getByRole('button');
  }

  /** Sorts the records by a column, as a click on its header does (the first click sorts ascending). */
  async sortBy(header: string): Promise<void> {
    await this.grid.getByRole('columnheader', { name: header, exact: true }).click();
  }

  /** The From date or To date field of the filters, to read its helper text. */
  rangeField(label: 'From date' | 'To date'): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }

  /**
   * How a date field's calendar icon stands out from the field behind it (WCAG contrast ratio, 3:1 wanted for
   * an icon): the brightest or darkest pixel of the field's right end against its most common one.
   */
  async calendarIconContrast(label: 'From date' | 'To date'): Promise<number> {
    const box = await this.rangeField(label).boundingBox();
    if (!box) throw new Error(`the ${label} field is not visible`);
    const png = await this.page.screenshot({ clip: { x: box.x + box.width - 36, y: box.y, width: 36, height: box.height } });
    // Decoded by the page's own canvas (the tests' Node has no PNG decoder); a script, as the tests compile without the DOM's types.
    return this.page.evaluate<number>(`(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, img.width, img.height).data;
      const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      const counts = new Map();
      const lums = [];
      for (let i = 0; i < px.length; i += 4) {
        const l = 0.2126 * lin(px[i]) + 0.7152 * lin(px[i + 1]) + 0.0722 * lin(px[i + 2]);
        lums.push(l);
        const key = Math.round(l * 1000);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0] / 1000;
      return Math.max(...lums.map((l) => (Math.max(l, background) + 0.05) / (Math.min(l, background) + 0.05)));
    })()`);
  }

  /** How many records the grid has room to show at once: its rows area, above anything docked over it (Recent tasks), over one row's height. */
  async rowsRoom(coveredFrom = Infinity): Promise<number> {
    const area = await this.grid.locator('.MuiDataGrid-virtualScroller').boundingBox();
    const header = await this.grid.locator('.MuiDataGrid-columnHeaders').boundingBox();
    const row = await this.rows().first().boundingBox();
    if (!area || !header || !row) return 0;
    return Math.floor((Math.min(area.y + area.height, coveredFrom) - (header.y + header.height)) / row.height);
  }

  /** Shows the time range and the column filters (folded behind "More filters"). */
  async showMoreFilters(): Promise<void> {
    if ((await this.moreFilters.getAttribute('aria-expanded')) !== 'true') await this.moreFilters.click();
  }

  /** The pager under the rows ("Rows per page … 1–50 of n"). */
  get footer(): Locator {
    // The grid role is on the rows' part: the pager is beside it, in the grid's root.
    return this.grid.locator('xpath=ancestor-or-self::*[contains(@class, "MuiDataGrid-root")][1]').locator('.MuiDataGrid-footerContainer');
  }

  rows(): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  async verify(): Promise<string> {
    await this.page.getByRole('button', { name: 'Verify' }).click();
    const result = this.page.getByRole('status').filter({ hasText: /audit trail is/ });
    await result.waitFor();
    return (await result.textContent()) ?? '';
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export CSV' }).click();
    return download;
  }
}
