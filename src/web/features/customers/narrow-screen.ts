import { useSyncExternalStore } from 'react';

/** The phone breakpoint of app.css (`@media (max-width: 760px)`): the customer list's rows and filters change shape there. */
export const narrowScreen = '(max-width: 760px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(narrowScreen);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the phone layout applies now; follows a turned tablet or a resized window. */
export function useIsNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(narrowScreen).matches);
}
