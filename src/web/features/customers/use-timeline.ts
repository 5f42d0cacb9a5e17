import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { Page, TimelineEntry } from '../../api/types.js';

/** Enough history for the rhythm chart of even a frequent buyer, without loading years of a wholesale account. */
const entryCap = 1000;

export type Timeline = { entries: TimelineEntry[]; isComplete: boolean; isLoading: boolean; error: Error | null; reload: () => void };

export function useTimeline(customerId: number): Timeline {
  const [state, setState] = useState<Omit<Timeline, 'reload'>>({ entries: [], isComplete: false, isLoading: true, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      const entries: TimelineEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<TimelineEntry> = await api.get(`/api/customers/${customerId}/timeline`, { limit: 200, cursor: cursor ?? undefined }, controller.signal);
        entries.push(...page.items);
        cursor = page.nextCursor;
        setState({ entries: [...entries], isComplete: cursor === null, isLoading: cursor !== null && entries.length < entryCap, error: null });
      } while (cursor && entries.length < entryCap && !controller.signal.aborted);
    };
    setState((previous) => ({ ...previous, isLoading: true, error: null }));
    load().catch((error: Error) => { if (!controller.signal.aborted) setState((previous) => ({ ...previous, isLoading: false, error })); });
    return () => controller.abort();
  }, [customerId, version]);
  const reload = useCallback(() => setVersion((current) => current + 1), []);
  return { ...state, reload };
}
