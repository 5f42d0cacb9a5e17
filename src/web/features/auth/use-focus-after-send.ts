import { useEffect, useRef, type MutableRefObject, type RefObject } from 'react';

/**
 * Where focus goes once a form's answer is shown: set the returned ref to a target before sending;
 * when `isBusy` turns false (the message is there to be read as the field's description, and the
 * submit button, disabled while sending, can take focus again) that target is focused, once.
 */
export function useFocusAfterSend<Target extends string>(isBusy: boolean, targets: Record<Target, RefObject<HTMLElement | null>>): MutableRefObject<Target | null> {
  const focusAfterSend = useRef<Target | null>(null);
  useEffect(() => {
    if (isBusy || focusAfterSend.current === null) return;
    const target = focusAfterSend.current;
    focusAfterSend.current = null;
    targets[target].current?.focus();
  }, [isBusy]);
  return focusAfterSend;
}
