import type { Locator } from 'playwright-core';

/** Whether the keyboard focus is on this element or inside it (a dialog, a grid). */
export const holdsFocus = (l: Locator): Promise<boolean> =>
  l.evaluate((e) => e.contains(e.ownerDocument.activeElement) && e.ownerDocument.activeElement !== e.ownerDocument.body);

/** What has the keyboard focus, for a failing assertion to show: its role and name, or its tag. */
export const focusedDescription = (l: Locator): Promise<string> =>
  l.evaluate((e) => {
    const active = e.ownerDocument.activeElement;
    return active ? `${active.getAttribute('role') ?? active.tagName} ${active.getAttribute('aria-label') ?? ''}`.trim() : 'nothing';
  });
