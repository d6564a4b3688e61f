import type { Locator, Page } from 'playwright-core';
import { sidewaysOverflow } from './overflow';

export type VmColumn = 'Name' | 'Host' | 'Power' | 'Memory' | 'Tags' | 'Mission-critical' | 'Migrating';

/** The page's globals this file needs: the test side is compiled without the DOM's types. */
interface PageGlobals {
  MutationObserver: new (callback: (records: { removedNodes: { length: number } }[]) => void) => {
    observe(target: unknown, options: { childList: boolean }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: () => void): number;
}

/** The VMs tab: filters over a virtualised grid of every VM. */
export class VmListPage {
  constructor(private readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Virtual machines' });
  }

  get filters(): Locator {
    return this.page.getByRole('search', { name: 'Filter virtual machines' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'VMs' }).click();
    await this.grid.getByRole('row').nth(1).waitFor();
  }

  /** The VMs tab showing every VM, whatever the tree selected before. */
  async openAll(): Promise<void> {
    await this.open();
    if (await this.scope()) await this.showAll();
  }

  /** The row of a VM, found by its Name cell (the row's own name also says its host and state). */
  row(vmName: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name: vmName, exact: true }) });
  }

  /** Names of the VMs of the rows rendered (the grid renders only those in view). */
  async shownNames(): Promise<string[]> {
    return this.grid.locator('.body [role="row"]').evaluateAll((rows) => rows.map((r) => r.firstElementChild?.textContent ?? ''));
  }

  /**
   * Scrolls the list down `steps` frames of 240 px and says in how many of them a row's element was
   * moved or replaced in the DOM.
   */
  async scrollStepsMovingRows(steps: number): Promise<number> {
    return this.page.getByTestId('vm-list-viewport').evaluate(async (viewport, count) => {
      const page = globalThis as unknown as PageGlobals;
      let removed = 0;
      const observer = new page.MutationObserver((records) => records.forEach((r) => (removed += r.removedNodes.length)));
      observer.observe(viewport.querySelector('.body'), { childList: true });
      let moving = 0;
      for (let i = 0; i < count; i++) {
        const before = removed;
        viewport.scrollTop += 240;
        await new Promise((resolve) => page.requestAnimationFrame(() => setTimeout(resolve, 0)));
        if (removed > before) moving++;
      }
      observer.disconnect();
      return moving;
    }, steps);
  }

  /** Whether the rendered rows' DOM order is their order on screen, as assistive technology reads them. */
  async rowsInReadingOrder(): Promise<boolean> {
    return this.grid
      .locator('.body [role="row"]')
      .evaluateAll((rows) => rows.every((row, i) => i === 0 || rows[i - 1]!.getBoundingClientRect().top < row.getBoundingClientRect().top));
  }

  /** The rendered rows' accessible names ("web-01, on esx-3, running"). */
  async rowLabels(): Promise<string[]> {
    return this.grid.locator('.body [role="row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  /** The part of the inventory the list shows, as its heading says ("VMs on host DC0_C0_H1 · 5 of 70"); null when it shows all. */
  async scope(): Promise<string | null> {
    const heading = this.page.getByRole('main').getByRole('heading', { name: /^VMs on / });
    return (await heading.count()) === 0 ? null : heading.textContent();
  }

  async showAll(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Show all VMs' }).click();
    await this.page
      .getByRole('main')
      .getByRole('heading', { name: /^VMs on / })
      .waitFor({ state: 'detached' });
  }

  /** Clicks a column's header until the list is sorted that way. */
  async sortTo(column: VmColumn, order: 'ascending' | 'descending' | 'none'): Promise<void> {
    const header = this.grid.getByRole('columnheader', { name: new RegExp(`^${column}`) });
    for (let i = 0; i < 3 && ((await header.getAttribute('aria-sort')) ?? 'none') !== order; i++) await this.sortBy(column);
  }

  /**
   * The grid's Tab stop (its one row with tabindex 0) as "DC0_C0_H0_VM2 in view" or "… out of view";
   * "none" when no row holds it (the body does, the active row scrolled away).
   */
  tabStop(): Promise<string> {
    return this.grid.locator('.viewport').evaluate((body) => {
      const row = body.querySelector('[role="row"][tabindex="0"]');
      if (!row) return 'none';
      const [r, b] = [row.getBoundingClientRect(), body.getBoundingClientRect()];
      return `${row.firstElementChild?.textContent} ${r.top >= b.top - 1 && r.bottom <= b.bottom + 1 ? 'in view' : 'out of view'}`;
    });
  }

  /** How many elements of the grid's body (its rows and their buttons) Tab stops at. */
  tabStops(): Promise<number> {
    return this.grid
      .locator('.viewport')
      .evaluate(
        (body) =>
          [body, ...Array.from(body.querySelectorAll('*'))].filter((e) => (e as unknown as { tabIndex: number }).tabIndex >= 0).length,
      );
  }

  /**
   * What has the keyboard, said for an assertion: "row 3 DC0_C0_H0_VM2" (its aria-rowindex: the
   * header is 1), "button Migrate DC0_C0_H0_VM2…", "body" (the grid's scrolled body) or "outside".
   */
  focused(): Promise<string> {
    return this.grid.locator('.viewport').evaluate((body) => {
      const active = body.ownerDocument.activeElement;
      if (active === body) return 'body';
      if (!active || !body.contains(active)) return 'outside';
      if (active.getAttribute('role') === 'row')
        return `row ${active.getAttribute('aria-rowindex')} ${active.firstElementChild?.textContent}`;
      return `${active.tagName.toLowerCase()} ${active.getAttribute('aria-label') ?? active.textContent}`;
    });
  }

  /** Whether the row with the keyboard is wholly inside the grid's scrolled body. */
  focusedRowInView(): Promise<boolean> {
    return this.grid.locator('.viewport').evaluate((body) => {
      const row = body.ownerDocument.activeElement?.closest('[role="row"]');
      if (!row || !body.contains(row)) return false;
      const [r, b] = [row.getBoundingClientRect(), body.getBoundingClientRect()];
      return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    });
  }

  /** How many rows the grid says it has (all of them, not only the rendered ones). */
  async rowCount(): Promise<number> {
    return Number(await this.grid.getAttribute('aria-rowcount')) - 1;
  }

  async filterText(label: 'Name' | 'Host' | 'Tag' | 'Memory ≥ GiB' | 'Memory ≤ GiB', value: string): Promise<void> {
    await this.filters.getByLabel(label, { exact: true }).fill(value);
  }

  async filterChoice(label: 'Power' | 'Mission-critical' | 'Migrating', value: string): Promise<void> {
    await this.filters.getByLabel(label, { exact: true }).selectOption(value);
  }

  async clearFilters(): Promise<void> {
    await this.filters.getByRole('button', { name: 'Clear filters' }).click();
  }

  async sortBy(column: VmColumn): Promise<void> {
    await this.grid
      .getByRole('columnheader')
      .getByRole('button', { name: new RegExp(`^${column}`) })
      .click();
  }

  /**
   * Whether a sorted column's arrow sits on the line of the header's last word (null when the header shows no
   * arrow): measured character by character, as the header wraps its words ("Mission-" / "critical ▲").
   */
  async sortArrowOnLastLine(column: VmColumn): Promise<boolean | null> {
    const button = this.grid.getByRole('columnheader', { name: new RegExp(`^${column}`) }).getByRole('button');
    return button.evaluate((b) => {
      const doc = b.ownerDocument;
      const walker = doc.createTreeWalker(b, 4);
      const chars: { node: NonNullable<ReturnType<typeof walker.nextNode>>; at: number; char: string }[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        for (let i = 0; i < (n.textContent ?? '').length; i++) chars.push({ node: n, at: i, char: n.textContent![i]! });
      const arrow = chars.findIndex((c) => c.char === '▲' || c.char === '▼');
      if (arrow < 0) return null;
      const lastLetter = chars.slice(0, arrow).findLastIndex((c) => /\S/.test(c.char));
      const top = (i: number) => {
        const range = doc.createRange();
        range.setStart(chars[i]!.node, chars[i]!.at);
        range.setEnd(chars[i]!.node, chars[i]!.at + 1);
        return range.getBoundingClientRect().top;
      };
      return Math.abs(top(arrow) - top(lastLetter)) < 3 && b.scrollWidth <= b.clientWidth + 1;
    });
  }

  /** Sorts by a column with a click in its header cell's far corner, away from the label: the whole cell is the button. */
  async sortByHeaderCorner(column: VmColumn): Promise<void> {
    const header = this.grid.getByRole('columnheader', { name: new RegExp(`^${column}`) });
    const box = await header.boundingBox();
    if (!box) throw new Error(`no ${column} header`);
    await header.click({ position: { x: box.width - 3, y: box.height - 3 } });
  }

  /** Waits for the status line ("3 of 70 VMs"). */
  async waitForCount(text: string): Promise<void> {
    await this.filters.getByRole('status').getByText(text, { exact: true }).waitFor();
  }

  /** How many pixels the rows would scroll sideways (0 when every column fits). */
  sidewaysOverflow(): Promise<number> {
    return sidewaysOverflow(this.grid.locator('.viewport'));
  }

  /** Clicks a VM's row, with Ctrl (toggle), Shift (range) or both held. */
  async clickRow(vmName: string, ...modifiers: ('Control' | 'Shift')[]): Promise<void> {
    const cell = this.row(vmName).getByRole('gridcell', { name: vmName, exact: true });
    // Rows are reused while the list scrolls: a click that scrolled its row into view could land on
    // the element as it shows another VM. Scrolled first, the row is found again where it settled.
    await cell.scrollIntoViewIfNeeded();
    await cell.click({ modifiers });
  }

  /** Names of the rendered rows marked selected (aria-selected), in the list's order. */
  async selectedNames(): Promise<string[]> {
    return this.grid.locator('.body [role="row"][aria-selected="true"]').evaluateAll((rows) =>
      rows
        .map((r) => ({ at: Number(r.getAttribute('aria-rowindex')), name: r.firstElementChild?.textContent ?? '' }))
        .sort((a, b) => a.at - b.at)
        .map((r) => r.name),
    );
  }

  /**
   * How many pixels of the selection bar's reason line (why "Migrate n VMs…" is disabled) lie under the grid below
   * it: 0 when it reads whole.
   */
  async reasonLineHidden(): Promise<number> {
    const [line, grid] = await Promise.all([this.page.locator('#vm-selection-over-limit').boundingBox(), this.grid.boundingBox()]);
    if (!line || !grid) throw new Error('no reason line or grid');
    return Math.max(0, Math.round(line.y + line.height - grid.y));
  }

  /** What the selection bar says: "3 selected", or how to select several. */
  selectedCount(): Promise<string | null> {
    return this.page.getByRole('status', { name: 'Selected virtual machines' }).textContent();
  }

  /** Right-clicks a VM's row: its context menu. */
  async openRowMenu(vmName: string): Promise<Locator> {
    const cell = this.row(vmName).getByRole('gridcell', { name: vmName, exact: true });
    await cell.scrollIntoViewIfNeeded();
    await cell.click({ button: 'right' });
    const menu = this.page.getByRole('menu');
    await menu.waitFor();
    return menu;
  }

  /** The selection bar's "Migrate n VMs…" (the batch wizard with the selected VMs). */
  async migrateSelected(count: number): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('button', { name: `Migrate ${count.toLocaleString('en-US')} VM${count === 1 ? '' : 's'}…`, exact: true })
      .click();
  }

  async migrate(vmName: string): Promise<void> {
    const button = this.row(vmName).getByRole('button', { name: `Migrate ${vmName}…` });
    // As in clickRow: scrolled first, so the click cannot land on a reused row showing another VM.
    await button.scrollIntoViewIfNeeded();
    await button.click();
  }
}
