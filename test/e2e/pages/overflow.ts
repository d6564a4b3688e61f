import type { Locator } from 'playwright-core';

/** How many pixels an element's content would scroll sideways (0 or less when it fits). */
export const sidewaysOverflow = (l: Locator): Promise<number> => l.evaluate((e) => e.scrollWidth - e.clientWidth);

/** The elements in a cell (the cell included) whose text is cut ("DC0_C…"), with what they hold: empty when all reads whole. */
export const clippedIn = (cell: Locator): Promise<string[]> =>
  cell.evaluate((c) =>
    [c, ...Array.from(c.querySelectorAll('*'))]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `"${e.textContent}" ${e.scrollWidth} > ${e.clientWidth}`),
  );

/** Like clippedIn, and also text cut at the bottom (a wrapped line past what the cell shows): empty when all reads whole. */
export const cutIn = (cell: Locator): Promise<string[]> =>
  cell.evaluate((c) =>
    [c, ...Array.from(c.querySelectorAll('*'))]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      .map((e) => `"${e.textContent}" ${e.scrollWidth}×${e.scrollHeight} > ${e.clientWidth}×${e.clientHeight}`),
  );

/** The columns a grid shows whole within its width, by their names, left to right. */
export const shownColumns = (grid: Locator): Promise<string[]> =>
  grid.evaluate((g) => {
    const box = g.getBoundingClientRect();
    return Array.from(g.querySelectorAll('[role="columnheader"]'), (h) => h as typeof g)
      .filter((h) => {
        const r = h.getBoundingClientRect();
        return r.width > 1 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
      })
      .map((h) => (h.getAttribute('aria-label') ?? h.textContent ?? '').trim());
  });

/** Whether something else lies over either end of a control (a notice over a dialog's button): a click there would not reach it. */
export const isCovered = (control: Locator): Promise<boolean> =>
  control.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return [r.left + 4, r.right - 4].some((x) => !e.contains(e.ownerDocument.elementFromPoint(x, r.top + r.height / 2)));
  });
