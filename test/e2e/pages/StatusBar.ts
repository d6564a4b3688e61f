import type { Locator, Page } from 'playwright-core';

/** The status bar at the foot of the window: connection notice, counters, hosts needing attention. */
export class StatusBarPage {
  constructor(private readonly page: Page) {}

  get bar(): Locator {
    return this.page.getByRole('status', { name: 'Status' });
  }

  get notice(): Locator {
    return this.bar.getByTestId('connection-notice');
  }

  /**
   * The parts of the bar that take more than one line (none should: a wrapped counter reads "0 / running").
   * A caption line is 20 px high; two are 40.
   */
  wrappedParts(): Promise<string[]> {
    return this.bar
      .locator('> * > *')
      .evaluateAll((parts) => parts.filter((part) => part.getBoundingClientRect().height > 30).map((part) => part.textContent ?? ''));
  }
}
