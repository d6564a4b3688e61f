import type { Locator, Page } from 'playwright-core';

/** The Hosts… dialog: saved libvirt hosts, and adding one. */
export class HostsPage {
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'libvirt hosts' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Hosts…' }).click();
    await this.dialog.waitFor();
  }

  row(name: string): Locator {
    return this.dialog.getByRole('row').filter({ hasText: name });
  }

  async reenterPassword(name: string, password: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Re-enter' }).click();
    const form = this.dialog.getByRole('group', { name: `New credentials for ${name}` });
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Save and reconnect' }).click();
  }
}
