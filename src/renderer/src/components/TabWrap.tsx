import type { CSSProperties, FocusEvent, ReactNode } from 'react';

const focusable = 'a[href], button, input, select, textarea, [tabindex]';

/** The controls Tab reaches inside `root`, in document order: shown, enabled, tabindex 0 or more. */
function tabStops(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(focusable)).filter(
    (e) => e.tabIndex >= 0 && !e.matches(':disabled') && !e.closest('[inert], [aria-hidden="true"]') && e.getClientRects().length > 0,
  );
}

// Fixed and empty: focused for an instant, it neither shows nor scrolls the page.
const edgeStyle: CSSProperties = { position: 'fixed', top: 0, left: 0, width: 0, height: 0, overflow: 'hidden' };

/** An edge got the focus: it hands it on to the first or the last control between the edges. */
function handOn(event: FocusEvent<HTMLDivElement>): void {
  const edge = event.currentTarget;
  const atEnd = edge.dataset.edge === 'end';
  const inside = atEnd ? edge.previousElementSibling : edge.nextElementSibling;
  if (!(inside instanceof HTMLElement)) return;
  const stops = tabStops(inside);
  const from = event.relatedTarget;
  const wrapping = from instanceof Node && inside.contains(from);
  const toFirst = atEnd ? wrapping : !wrapping;
  (toFirst ? stops[0] : stops[stops.length - 1])?.focus();
}

/**
 * Tab past the last control comes back to the first, and Shift+Tab before the first goes to the last, as in a
 * desktop window: Chromium otherwise stops once on the page itself (<body>) between them, where nothing shows
 * the focus (new-user review of issue 14, 13). The edges hand the focus on as they get it: never a stop themselves.
 * Focus arriving from outside (the browser's own controls) enters at the near end.
 */
export function TabWrap({ children }: { children: ReactNode }) {
  return (
    <>
      <div tabIndex={0} data-edge="start" style={edgeStyle} onFocus={handOn} />
      <div>{children}</div>
      <div tabIndex={0} data-edge="end" style={edgeStyle} onFocus={handOn} />
    </>
  );
}
