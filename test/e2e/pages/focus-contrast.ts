import type { Page } from 'playwright-core';

/**
 * Page-side: the contrast ratio (WCAG) of the focused element's outline against what lies behind it (the first
 * ancestor with a background of its own), 0 when it draws no outline. Passed as text: the test side has no DOM lib.
 */
const OUTLINE_CONTRAST = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 0;
  const style = getComputedStyle(e);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 1) return 0;
  const rgb = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
  const opaque = (color) => { const c = rgb(color); return c.length === 3 || (c.length === 4 && c[3] > 0); };
  let behind = 'rgb(255, 255, 255)';
  for (let el = e.parentElement; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (opaque(bg)) { behind = bg; break; }
  }
  const luminance = (color) => {
    const [r, g, b] = rgb(color).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(style.outlineColor), luminance(behind)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
})()`;

/** The contrast of the focused element's outline against its background (0: no outline). */
export const focusOutlineContrast = (page: Page): Promise<number> => page.evaluate<number>(OUTLINE_CONTRAST);
