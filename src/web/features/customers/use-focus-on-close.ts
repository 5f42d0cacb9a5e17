import { useEffect, useRef, type RefObject } from 'react';

/**
 * Gives focus back to `target` (the button that opened a form or question) when `isOpen` turns false.
 * The form's own buttons leave with it, which drops a keyboard user's focus to the page's start; focus
 * the person has since put elsewhere is left where it is.
 */
export function useFocusOnClose(isOpen: boolean, target: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(isOpen);
  useEffect(() => {
    if (wasOpen.current && !isOpen && isFocusLost()) target.current?.focus();
    wasOpen.current = isOpen;
  }, [isOpen, target]);
}

/** Whether nothing holds focus: the element that had it was removed or disabled. */
export function isFocusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active as HTMLButtonElement).disabled === true || !active.isConnected;
}
