import type { Locator, Page } from 'playwright-core';

/** In-app snackbars (the browser shell's notifications). */
export class NoticesPage {
  constructor(private readonly page: Page) {}

  /** A notice as assistive technology finds it: not there while a dialog hides it (aria-hidden). */
  withTitle(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  /** A notice as drawn, hidden from assistive technology or not (a dialog's aria-hidden does not hide it from this). */
  shown(text: string | RegExp): Locator {
    return this.page.locator('.MuiSnackbar-root', { hasText: text });
  }

  /**
   * Holds a notice while a test looks at it: the pointer on it stops its time (which starts again whole
   * once the pointer leaves), so a check never races the notice's auto-hide.
   */
  async hold(notice: Locator): Promise<void> {
    await notice.hover();
  }
}

/** Whether what lies topmost at the notice's middle is the notice itself (not a backdrop over it). */
export const isOnTop = (notice: Locator): Promise<boolean> =>
  notice.evaluate((n) => {
    const box = n.getBoundingClientRect();
    return n.contains(n.ownerDocument.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
  });

/**
 * Every control the notice hides: its middle under the notice (a snackbar's own box counted), the notice
 * above it there. `within` (a CSS selector) narrows the controls to those of, say, the open dialog.
 */
export const controlsUnder = (notice: Locator, within = ':root'): Promise<string[]> =>
  notice.evaluate((n, within) => {
    const page = n.ownerDocument;
    const cover = (n.closest('.MuiSnackbar-root') ?? n) as typeof n;
    const box = cover.getBoundingClientRect();
    const controls = page.querySelectorAll(`${within} :is(button, input, [role="combobox"], [role="separator"], [tabindex], a[href])`);
    return Array.from(controls, (c) => c as typeof n)
      .filter((c) => !cover.contains(c))
      .filter((c) => {
        const r = c.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (r.width === 0 || x < box.left || x > box.right || y < box.top || y > box.bottom) return false;
        // Top to bottom at that point: the first of the notice or the control (a control clipped there is not in it).
        const first = Array.from(page.elementsFromPoint(x, y), (e) => e as typeof n).find((e) => cover.contains(e) || c.contains(e));
        return first !== undefined && cover.contains(first);
      })
      .map((c) => `${c.getAttribute('role') ?? c.tagName} ${(c.getAttribute('aria-label') ?? c.textContent ?? '').slice(0, 30)}`);
  }, within);
