import type { Locator, Page } from 'playwright-core';

/** In-app snackbars (the browser shell's notifications). */
export class NoticesPage {
  constructor(private readonly page: Page) {}

  withTitle(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}
