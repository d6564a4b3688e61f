import type { Locator, Page } from 'playwright-core';

/** Scrolls a task grid down until `row` is rendered: the grid renders only the rows in view. */
export async function revealRow(page: Page, grid: Locator, row: Locator): Promise<void> {
  const scroller = grid.locator('.MuiDataGrid-virtualScroller');
  for (let i = 0; i < 50 && (await row.count()) === 0; i++) {
    const moved = await scroller.evaluate((e) => {
      const before = e.scrollTop;
      e.scrollTop += e.clientHeight * 0.8;
      return e.scrollTop !== before;
    });
    if (!moved) return;
    await page.waitForTimeout(50);
  }
}
