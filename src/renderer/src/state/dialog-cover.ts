import { useCallback, useEffect, useState } from 'react';

/** A MUI dialog or menu sets aria-hidden on the rest of the page while it is open: the notice slot with it. */
const coveredAt = (element: HTMLElement) => element.closest('[aria-hidden="true"]') != null;

export interface DialogCover {
  /** The notice it was found for: the notice is drawn once its cover is known. */
  noticeKey: number | null;
  /**
   * The notice arrived while a dialog (aria-modal) or a menu hid its place, and it still does: the
   * notice is drawn over them, where assistive technology finds it. Null: it shows in its place.
   */
  arrivedUnder: 'dialog' | 'menu' | null;
  /** A dialog or menu hides the notice's place now (also one opened over a notice shown before). */
  covered: boolean;
  /** How far above the window's foot the notice's place is (in px): where it shows over a menu. */
  placeBottom: number;
}

const inPlace: DialogCover = { noticeKey: null, arrivedUnder: null, covered: false, placeBottom: 0 };

function coverAt(element: HTMLElement, noticeKey: number): DialogCover {
  const page = element.ownerDocument;
  // Its foot: the pane's top, whether the notice is still drawn in the place or not.
  const placeBottom = (page.defaultView?.innerHeight ?? 0) - element.getBoundingClientRect().bottom;
  if (!coveredAt(element)) return { ...inPlace, noticeKey, placeBottom };
  return { noticeKey, arrivedUnder: page.querySelector('[aria-modal="true"]') ? 'dialog' : 'menu', covered: true, placeBottom };
}

/**
 * Where a notice stands with the dialogs, from the element that marks its place in the page (keyed by
 * notice, so each one is placed as it arrives; it is drawn once placed, so it mounts once, where it stays,
 * and is not announced twice). A notice shown before a dialog opens stays behind it: the admin saw it and
 * turned to the dialog. Followed as dialogs open and close by watching only the element's ancestors.
 */
export function useDialogCover(noticeKey: number | null): [placedAt: (element: HTMLElement | null) => void, cover: DialogCover] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [cover, setCover] = useState<DialogCover>(inPlace);
  const placedAt = useCallback(
    (placed: HTMLElement | null) => {
      setElement(placed);
      if (placed && noticeKey !== null) setCover(coverAt(placed, noticeKey));
    },
    [noticeKey],
  );
  useEffect(() => {
    if (!element) return;
    const follow = () => {
      const covered = coveredAt(element);
      setCover((was) => (was.covered === covered ? was : { ...was, arrivedUnder: covered ? was.arrivedUnder : null, covered }));
    };
    const observer = new MutationObserver(follow);
    for (let n = element.parentElement; n; n = n.parentElement) observer.observe(n, { attributeFilter: ['aria-hidden'] });
    // The dialog may have closed between the notice's arrival and now (Finish closes the wizard as its notice comes).
    let followed = true;
    queueMicrotask(() => followed && follow());
    return () => {
      followed = false;
      observer.disconnect();
    };
  }, [element]);
  return [placedAt, cover];
}
