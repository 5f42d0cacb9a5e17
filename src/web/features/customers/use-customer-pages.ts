import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import type { CustomerSummary, Page } from '../../api/types.js';
import type { SearchHint } from './search-hint-text.js';

const pageSize = 100;

/** `hint`: how to search again, when a search found no one and its text shows why (a phone number without its country code). */
export type CustomerPages = { items: CustomerSummary[]; hasMore: boolean; isLoading: boolean; error: Error | null; hint: SearchHint | null; loadMore: () => void };

/**
 * Cursor paging through GET /api/customers: only the pages the user scrolls to
 * are fetched, so a store of a million customers costs the same as a small one.
 */
export function useCustomerPages(query: Record<string, string | number | undefined>): CustomerPages {
  const queryKey = JSON.stringify(query);
  const [items, setItems] = useState<CustomerSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [hint, setHint] = useState<SearchHint | null>(null);
  const generation = useRef(0);

  const fetchPage = useCallback((after: string | null, isFirst: boolean) => {
    const current = ++generation.current;
    setIsLoading(true);
    setError(null);
    api.get<Page<CustomerSummary> & Partial<SearchHint>>('/api/customers', { ...JSON.parse(queryKey), limit: pageSize, cursor: after ?? undefined })
      .then((page) => {
        // A newer filter has started meanwhile: this answer belongs to the old one.
        if (current !== generation.current) return;
        setItems((previous) => (isFirst ? page.items : [...previous, ...page.items]));
        setCursor(page.nextCursor);
        setHasMore(page.nextCursor !== null);
        if (isFirst) setHint(page.hint === undefined ? null : { hint: page.hint, hintCode: page.hintCode, hintValues: page.hintValues });
      })
      .catch((caught: Error) => { if (current === generation.current) setError(caught); })
      .finally(() => { if (current === generation.current) setIsLoading(false); });
  }, [queryKey]);

  useEffect(() => {
    setItems([]);
    setHasMore(true);
    setHint(null);
    fetchPage(null, true);
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (!isLoading && hasMore && cursor && !error) fetchPage(cursor, false);
  }, [isLoading, hasMore, cursor, error, fetchPage]);

  return { items, hasMore, isLoading, error, hint, loadMore };
}
