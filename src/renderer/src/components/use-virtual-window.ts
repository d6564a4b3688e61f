import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

export interface VirtualWindow {
  /** First and one past the last row to render. */
  start: number;
  end: number;
  /** Height of everything, so the scrollbar is the whole list's. */
  totalHeight: number;
  /** Whether the list scrolled in the last moments: rows then keep their DOM places (window-order.ts). */
  scrolling: boolean;
  onScroll: (event: UIEvent<HTMLElement>) => void;
  /** Scrolls the least that shows the row whole, and renders its window now rather than at the scroll event a frame later. */
  showRow: (viewport: HTMLElement, row: number) => void;
}

/** How long after its last scroll event a list is at rest. */
const restMs = 150;

/**
 * Fixed-height rows: only those in view (and a few around) are rendered, so 40,000 rows cost what
 * 30 do. The scroll position is read on each scroll event; the viewport's height once it is laid out.
 */
export function useVirtualWindow(viewport: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8): VirtualWindow {
  // The first row in view, not the pixel offset: scrolling within a row renders nothing again.
  const [firstRow, setFirstRow] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    // It reports the first size as soon as it observes, then every change.
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, [viewport]);
  const [scrolling, setScrolling] = useState(false);
  const restTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(restTimer.current), []);
  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      setFirstRow(Math.floor(event.currentTarget.scrollTop / rowHeight));
      setScrolling(true);
      clearTimeout(restTimer.current);
      restTimer.current = setTimeout(() => setScrolling(false), restMs);
    },
    [rowHeight],
  );
  const showRow = useCallback(
    (element: HTMLElement, row: number) => {
      const top = row * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
      setFirstRow(Math.floor(element.scrollTop / rowHeight));
    },
    [rowHeight],
  );
  // One more row than fits: the first may be only partly in view.
  const inView = Math.ceil(height / rowHeight) + 1;
  // Fewer rows than before (a filter) until the browser's scroll event says where the view went.
  const first = Math.max(0, Math.min(firstRow, count - inView));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + inView + overscan);
  return { start, end, totalHeight: count * rowHeight, scrolling, onScroll, showRow };
}
