import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { visuallyHidden } from '../components/visually-hidden';

/**
 * Whether an open dialog hides the element from assistive technology: a MUI dialog sets
 * aria-hidden on the rest of the page (the notice slot with it) while it is open. Followed as
 * dialogs open and close, by watching only the element's ancestors.
 */
export function useHiddenByDialog(element: HTMLElement | null): boolean {
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    if (!element) return;
    const check = () => setHidden(element.closest('[aria-hidden="true"]') !== null);
    check();
    const observer = new MutationObserver(check);
    for (let n = element.parentElement; n; n = n.parentElement) observer.observe(n, { attributeFilter: ['aria-hidden'] });
    return () => observer.disconnect();
  }, [element]);
  return hidden;
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
