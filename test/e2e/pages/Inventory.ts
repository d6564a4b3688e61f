import type { Locator, Page } from 'playwright-core';

/** The inventory tree on the left: hosts and VMs by their accessible names. */
export class InventoryPage {
  constructor(private readonly page: Page) {}

  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Inventory' });
  }

  item(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  async expand(name: string): Promise<void> {
    const item = this.item(name);
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('> div').first().click();
  }

  async select(name: string): Promise<void> {
    await this.item(name).locator('> div').first().click();
  }

  /** Names of the VMs shown under a host (expanding it). */
  async vmsOn(hostName: string): Promise<string[]> {
    await this.expand(hostName);
    return this.item(hostName).getByRole('group').getByRole('treeitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
  }
}
