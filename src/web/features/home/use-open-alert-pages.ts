import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alert, AlertsPage } from '../../api/analytics-types.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import { api } from '../../api/client.js';
import { pendingEndpoints } from '../../api/endpoints.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { refreshLimitOf, withNextPage } from './open-alert-pages.js';

export type OpenAlertPages = PendingData<Alert[]> & {
  hasMore: boolean;
  /** How many the list held (were open, for Home) when it was last asked for from the top; null from a server that does not say. */
  total: number | null;
  isLoadingMore: boolean;
  /** A next page or a refresh that failed: the alerts already listed stay. */
  pageError: Error | null;
  /** Loads the page after the last alert listed; resolves to the first alert it added, null when none. */
  showMore: () => Promise<number | null>;
};

type Loaded = { alerts: Alert[]; nextCursor: string | null; total: number | null };
type Request = { controller: AbortController; kind: 'first' | 'more' | 'refresh' };

/** The alerts a list holds (GET /api/alerts `status`): open, acknowledged or all. */
export type AlertStatus = 'open' | 'acknowledged' | 'all';

/** Home's list: the open alerts (useAlertPages). */
export function useOpenAlertPages(pageSize: number): OpenAlertPages {
  return useAlertPages('open', pageSize);
}

/**
 * The alerts of a status (Home's open ones, Reports' open, acknowledged or all), `pageSize` at a time,
 * each further page asked for with the cursor after the last alert listed; another status starts from
 * the top. `reload` (after acknowledgements) asks again from the top for as many as are listed,
 * keeping the list on screen meanwhile: the pages loaded stay loaded, and the alerts after the
 * acknowledged ones move up into the list rather than out of sight.
 */
export function useAlertPages(status: AlertStatus, pageSize: number): OpenAlertPages {
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
    const answer = api.get<AlertsPage>(path ?? '', { status, ...query }, controller.signal);
    const isCurrent = () => request.current?.controller === controller;
    const finish = () => { if (isCurrent()) request.current = null; };
    return { answer: answer.then((page): Loaded => ({ alerts: page.alerts, nextCursor: page.nextCursor, total: page.total ?? null })), isCurrent, finish };
  }, [path, status]);

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
      // the total stays the first page's: the alerts acknowledged since are taken from it as they are from the list (openTotalOf)
      setLoaded({ alerts, nextCursor: page.nextCursor, total: latest.current?.total ?? page.total });
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
    setLoaded((current) => ({ alerts, nextCursor: current?.nextCursor ?? null, total: current?.total ?? null }));
  }, []);

  return {
    data: loaded?.alerts ?? null, error, isLoading, reload, replace,
    isOffered: path !== null, isCatalogLoaded: catalog.isLoaded,
    hasMore: (loaded?.nextCursor ?? null) !== null, total: loaded?.total ?? null, isLoadingMore, pageError, showMore,
  };
}
