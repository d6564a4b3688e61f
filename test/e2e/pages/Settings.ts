import type { Locator, Page } from 'playwright-core';

/** The Settings dialog (the gear): its fields, what each says, and the fault rules of the simulated datacenter. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings' });
  }

  get faults(): Locator {
    return this.dialog.getByRole('region', { name: 'Fault injection' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Settings' }).click();
    await this.field(/Operator name/).waitFor();
  }

  /** A text or number field by its label (a number field is a spinbutton). */
  field(label: string | RegExp): Locator {
    return this.dialog.getByLabel(label);
  }

  /** What the field says under it (its helper text, or its problem). */
  async said(field: Locator): Promise<string> {
    const id = await field.getAttribute('aria-describedby');
    return id ? ((await this.dialog.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }
}
