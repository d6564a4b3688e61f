import { describe, expect, it } from 'vitest';
import { seriousViolations } from './a11y/axe';
import { screenshot } from './console-app';
import { ThemeChoicePage } from './pages/ThemeChoice';
import { useSharedConsole } from './shared-console';

// Review 8, m14: the console only followed the system's light or dark; an admin can now choose.
describe('the theme chosen in the header', () => {
  const session = useSharedConsole({ preset: 'demo' }, { bypassCSP: true });

  it('System follows the system setting, as before', async () => {
    const { page } = session();
    const theme = new ThemeChoicePage(page);
    await expect(theme.button.getAttribute('aria-label')).resolves.toBe('Theme: System');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => theme.shown()).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme.shown()).toBe('light');
  });

  it('Dark and Light override the system setting and survive a reload', async () => {
    const { page, consoleErrors } = session();
    const theme = new ThemeChoicePage(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await theme.choose('Dark');
    await expect.poll(() => theme.shown()).toBe('dark');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => theme.shown()).toBe('dark');
    await theme.button.click();
    await expect(theme.option('Dark').getAttribute('aria-checked')).resolves.toBe('true');
    await screenshot(page, 'theme-menu-dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'dark' });
    await theme.choose('Light');
    await expect.poll(() => theme.shown()).toBe('light');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => theme.shown()).toBe('light');
    expect(await seriousViolations(page)).toEqual([]);
    await theme.choose('System');
    await expect.poll(() => theme.shown()).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(consoleErrors).toEqual([]);
  });
});
