import type { Locator, Page } from 'playwright-core';

export type SearchKindLabel = 'VM' | 'Host' | 'Datacenter' | 'Cluster' | 'Datastore' | 'Port group' | 'Tag' | 'Task';

/** The global search in the header: Ctrl+K or `/`, a list of results, Enter opens one. */
export class SearchPage {
  constructor(private readonly page: Page) {}

  get field(): Locator {
    return this.page.getByRole('combobox', { name: 'Search the inventory and tasks' });
  }

  get results(): Locator {
    return this.page.getByRole('listbox', { name: 'Search results' });
  }

  /** One result, by its kind and exact name (the option's name is its text: both, then the detail line). */
  result(kind: SearchKindLabel, name: string): Locator {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.results.getByRole('option', { name: new RegExp(`^${kind} ${escaped}( |$)`) });
  }

  /** Waits until the first result is the one named (its accessible name, what a screen reader reads). */
  async waitForFirst(name: RegExp): Promise<void> {
    await this.results.getByRole('option').first().and(this.results.getByRole('option', { name })).waitFor();
  }

  async focusWith(keys: 'Control+k' | '/'): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Types the query and waits until the list shows the results for it. */
  async find(query: string): Promise<void> {
    if (!(await this.field.evaluate((e) => e === e.ownerDocument.activeElement))) await this.focusWith('Control+k');
    await this.field.fill(query);
    await this.page.locator(`[role="listbox"][data-query="${query}"]`).waitFor();
  }

  /** Moves the highlight down to a result with the arrow keys and opens it with Enter. */
  async openWithKeyboard(kind: SearchKindLabel, name: string): Promise<void> {
    const target = this.result(kind, name);
    await target.waitFor();
    for (let i = 0; i < 50 && (await target.getAttribute('aria-selected')) !== 'true'; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Enter');
    await this.results.waitFor({ state: 'hidden' });
  }
}
