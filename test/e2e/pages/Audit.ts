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

  async filterBy(label: string, value: string): Promise<void> {
    await this.page.getByRole('search', { name: 'Audit filters' }).getByLabel(label, { exact: true }).fill(value);
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

  /** The From or To field of the filters, to read its helper text. */
  rangeField(label: 'From' | 'To'): Locator {
    return this.page.getByRole('search', { name: 'Audit filters' }).getByLabel(label, { exact: true });
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
