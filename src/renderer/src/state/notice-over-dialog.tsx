import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { visuallyHidden } from '../components/visually-hidden';

/**
 * Whether the notice arrived under an open dialog and is still hidden by it: a MUI dialog sets
 * aria-hidden on the rest of the page (the notice slot with it) while it is open. A notice that was
 * shown before is not read again when a menu or a dialog opens over it (MUI's menus hide the page
 * too). Followed as dialogs close, by watching only the element's ancestors.
 */
export function useArrivedUnderDialog(): [shownAt: (element: HTMLElement | null) => void, hidden: boolean] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [hidden, setHidden] = useState(false);
  const shownAt = useCallback((shown: HTMLElement | null) => {
    setElement(shown);
    setHidden(shown?.closest('[aria-hidden="true"]') != null);
  }, []);
  useEffect(() => {
    if (!element || !hidden) return;
    const observer = new MutationObserver(() => {
      if (!element.closest('[aria-hidden="true"]')) setHidden(false);
    });
    for (let n = element.parentElement; n; n = n.parentElement) observer.observe(n, { attributeFilter: ['aria-hidden'] });
    // The dialog may have closed between the notice's arrival and now (Finish closes the wizard as its notice comes).
    queueMicrotask(() => {
      if (!element.closest('[aria-hidden="true"]')) setHidden(false);
    });
    return () => observer.disconnect();
  }, [element, hidden]);
  return [shownAt, hidden];
}

/**
 * A notice's words for screen readers while a dialog hides the notice itself: a live region of
 * its own, added to the page after the dialog opened, so the dialog leaves it in the accessibility
 * tree. Added empty and then filled, as live regions are announced on a change.
 */
export function NoticeOverDialog({ error, words }: { error: boolean; words: string }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (region.current) region.current.textContent = words;
  }, [words]);
  return createPortal(<div ref={region} role={error ? 'alert' : 'status'} style={visuallyHidden} />, document.body);
}
