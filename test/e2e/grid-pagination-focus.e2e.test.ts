import { describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { focusOutlineContrast } from './pages/focus-contrast';
import { TasksPage } from './pages/Tasks';
import { useSharedConsole } from './shared-console';

// New-user review 16, 9: the Tasks grid's "Rows per page" showed the keyboard focus only as a faint grey fill
// (about 1.3:1), where every other control draws the theme's outline.
describe("a grid's Rows per page shows the keyboard focus as the other controls do", () => {
  const session = useSharedConsole({ preset: 'demo' });

  it.each(['light', 'dark'] as const)('reached with Tab, it is outlined at 3:1 or more (%s theme)', async (scheme) => {
    const { page, consoleErrors } = session();
    await page.emulateMedia({ colorScheme: scheme });
    const tasks = new TasksPage(page);
    await tasks.open();
    const rowsPerPage = page.getByRole('main').getByRole('combobox', { name: /Rows per page/i });
    await page.getByRole('tab', { name: 'Tasks' }).focus();
    // The grid's own stops come first: Tab on until the select has the focus (a bounded walk, not a guess at their count).
    for (let i = 0; i < 8 && !(await rowsPerPage.evaluate((e) => e === e.ownerDocument.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await rowsPerPage.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    expect(await focusOutlineContrast(page)).toBeGreaterThanOrEqual(3);
    await screenshot(page, `grid-rows-per-page-focus-${scheme}`);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(consoleErrors).toEqual([]);
  });
});
