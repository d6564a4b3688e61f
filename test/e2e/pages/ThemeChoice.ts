import type { Locator, Page } from 'playwright-core';

export type ThemeName = 'System' | 'Light' | 'Dark';

/** The header's theme choice: a button named after the current choice, opening a menu of three. */
export class ThemeChoicePage {
  constructor(private readonly page: Page) {}

  get button(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: /^Theme: / });
  }

  option(name: ThemeName): Locator {
    return this.page.getByRole('menu', { name: 'Theme' }).getByRole('menuitemradio', { name, exact: true });
  }

  async choose(name: ThemeName): Promise<void> {
    await this.button.click();
    await this.option(name).click();
    await this.page.getByRole('menu', { name: 'Theme' }).waitFor({ state: 'detached' });
    await this.page
      .getByRole('banner')
      .getByRole('button', { name: `Theme: ${name}` })
      .waitFor();
  }

  /** What the page shows: the body's background is dark or light. */
  async shown(): Promise<'dark' | 'light'> {
    const rgb = await this.page.evaluate<string>(`getComputedStyle(document.body).backgroundColor`);
    const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
    return r + g + b < 3 * 128 ? 'dark' : 'light';
  }
}
