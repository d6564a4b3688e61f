import type { Locator, Page } from 'playwright-core';

export interface AttributesInput {
  missionCritical: boolean;
  tags: string;
  affinity: string;
  antiAffinity: string;
}

/** The Summary of a selected VM: its facts and the editor of the attributes Ferry keeps. */
export class VmSummaryPage {
  constructor(private readonly page: Page) {}

  get attributes(): Locator {
    return this.page.getByRole('group', { name: 'VM attributes' });
  }

  /** Shows the Summary tab (after the wizard, the Tasks tab is in front). */
  async show(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Summary' }).click();
  }

  /** The value cell of one fact row ("Tags", "Mission-critical"). */
  fact(name: string): Locator {
    return this.page
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) })
      .getByRole('cell');
  }

  async edit(input: AttributesInput): Promise<void> {
    await this.attributes.getByLabel('Mission-critical').setChecked(input.missionCritical);
    await this.attributes.getByRole('textbox', { name: 'Tags', exact: true }).fill(input.tags);
    await this.attributes.getByRole('textbox', { name: 'Affinity groups', exact: true }).fill(input.affinity);
    await this.attributes.getByRole('textbox', { name: 'Anti-affinity groups', exact: true }).fill(input.antiAffinity);
    await this.attributes.getByRole('button', { name: 'Save attributes' }).click();
  }

  /** The VM's "Migrate…" button, under its name. */
  get migrateButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: 'Migrate…', exact: true });
  }

  error(): Locator {
    return this.attributes.getByRole('alert');
  }
}
