import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alert, AlertsPage } from '../../api/analytics-types.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import { api } from '../../api/client.js';
import { pendingEndpoints } from '../../api/endpoints.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { refreshLimitOf, withNextPage } from './open-alert-pages.js';

export type OpenAlertPages = PendingData<Alert[]> & {
  hasMore: boolean;
  isLoadingMore: boolean;
  /** A next page or a refresh that failed: the alerts already listed stay. */
  pageError: Error | null;
  /** Loads the page after the last alert listed; resolves to the first alert it added, null when none. */
  showMore: () => Promise<number | null>;
};

type Loaded = { alerts: Alert[]; nextCursor: string | null };
type Request = { controller: AbortController; kind: 'first' | 'more' | 'refresh' };

/**
 * The open alerts, `pageSize` at a time, each further page asked for with the cursor after the last
 * alert listed. `reload` (after acknowledgements) asks again from the top for as many as are listed,
 * keeping the list on screen meanwhile: the pages loaded stay loaded, and the alerts after the
 * acknowledged ones move up into the list rather than out of sight.
 */
export function useOpenAlertPages(pageSize: number): OpenAlertPages {
  const catalog = useApiCatalog();
  const path = catalog.firstOf('GET', pendingEndpoints.alerts);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [pageError, setPageError] = useState<Error | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const request = useRef<Request | null>(null);
  const latest = useRef(loaded);
  latest.current = loaded;

  const fetchOpen = useCallback((kind: Request['kind'], query: { limit: number; cursor?: string }) => {
    request.current?.controller.abort();
    const controller = new AbortController();
    request.current = { controller, kind };
    const answer = api.get<AlertsPage>(path ?? '', { status: 'open', ...query }, controller.signal);
    const isCurrent = () => request.current?.controller === controller;
    const finish = () => { if (isCurrent()) request.current = null; };
    return { answer: answer.then((page) => ({ alerts: page.alerts, nextCursor: page.nextCursor })), isCurrent, finish };
  }, [path]);

  useEffect(() => {
    setLoaded(null);
    setError(null);
    setPageError(null);
    setIsLoading(path !== null);
    if (path === null) return undefined;
    const { answer, isCurrent, finish } = fetchOpen('first', { limit: pageSize });
    answer
      .then((page) => { if (isCurrent()) setLoaded(page); })
      .catch((caught: Error) => { if (isCurrent()) setError(caught); })
      .finally(() => { if (isCurrent()) setIsLoading(false); finish(); });
    return () => request.current?.controller.abort();
  }, [path, pageSize, fetchOpen]);

  const showMore = useCallback(async (): Promise<number | null> => {
    const cursor = latest.current?.nextCursor;
    if (!cursor || request.current) return null;
    setIsLoadingMore(true);
    setPageError(null);
    const { answer, isCurrent, finish } = fetchOpen('more', { limit: pageSize, cursor });
    try {
      const page = await answer;
      if (!isCurrent()) return null;
      const before = latest.current?.alerts ?? [];
      const alerts = withNextPage(before, page.alerts);
      setLoaded({ alerts, nextCursor: page.nextCursor });
      return alerts[before.length]?.alertId ?? null;
    } catch (caught) {
      if (isCurrent()) setPageError(caught as Error);
      return null;
    } finally {
      if (isCurrent()) setIsLoadingMore(false);
      finish();
    }
  }, [fetchOpen, pageSize]);

  const reload = useCallback(() => {
    const current = latest.current;
    if (path === null || current === null) return;
    // a next page on its way is asked for within the refresh instead
    const wasLoadingMore = request.current?.kind === 'more';
    const { answer, isCurrent, finish } = fetchOpen('refresh', { limit: refreshLimitOf(current.alerts.length + (wasLoadingMore ? pageSize : 0), pageSize) });
    setIsLoadingMore(wasLoadingMore);
    setPageError(null);
    answer
      .then((page) => { if (isCurrent()) setLoaded(page); })
      .catch((caught: Error) => { if (isCurrent()) setPageError(caught); })
      .finally(() => { if (isCurrent()) setIsLoadingMore(false); finish(); });
  }, [fetchOpen, pageSize, path]);

  const replace = useCallback((alerts: Alert[]) => {
    request.current?.controller.abort();
    request.current = null;
    setLoaded((current) => ({ alerts, nextCursor: current?.nextCursor ?? null }));
  }, []);

  return {
    data: loaded?.alerts ?? null, error, isLoading, reload, replace,
    isOffered: path !== null, isCatalogLoaded: catalog.isLoaded,
    hasMore: (loaded?.nextCursor ?? null) !== null, isLoadingMore, pageError, showMore,
  };
}
