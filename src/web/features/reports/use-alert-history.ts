import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlertsPage } from '../../api/analytics-types.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import { api } from '../../api/client.js';
import { pendingEndpoints } from '../../api/endpoints.js';
import { loadAlertPages, type AlertFilter, type AlertHistoryPages } from './alert-history.js';

export type AlertHistory = {
  pages: AlertHistoryPages | null; error: Error | null; isLoading: boolean; isLoadingMore: boolean; pageError: Error | null;
  isOffered: boolean; isCatalogLoaded: boolean; showMore: () => void; reload: () => void;
};

/** The alerts of a filter, `pageSize` at a time by the API's cursor (alert-history.ts); a new filter or `reload` starts from the top. */
export function useAlertHistory(filter: AlertFilter, pageSize: number): AlertHistory {
  const catalog = useApiCatalog();
  const path = catalog.firstOf('GET', pendingEndpoints.alerts);
  const [pages, setPages] = useState<AlertHistoryPages | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [pageError, setPageError] = useState<Error | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [version, setVersion] = useState(0);
  const request = useRef<AbortController | null>(null);
  const latest = useRef(pages);
  latest.current = pages;

  const load = useCallback((from: AlertHistoryPages | null) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    const fetchPage = (cursor: string | undefined) => api.get<AlertsPage>(path ?? '', { status: filter, limit: pageSize, ...(cursor ? { cursor } : {}) }, controller.signal);
    return { controller, answer: loadAlertPages(fetchPage, from) };
  }, [path, filter, pageSize]);

  useEffect(() => {
    setPages(null);
    setError(null);
    setPageError(null);
    setIsLoadingMore(false);
    setIsLoading(path !== null);
    if (path === null) return undefined;
    const { controller, answer } = load(null);
    answer
      .then((loaded) => { if (!controller.signal.aborted) setPages(loaded); })
      .catch((caught: Error) => { if (!controller.signal.aborted) setError(caught); })
      .finally(() => { if (!controller.signal.aborted) setIsLoading(false); });
    return () => controller.abort();
  }, [path, load, version]);

  const showMore = useCallback(() => {
    const current = latest.current;
    if (current === null || current.nextCursor === null || isLoadingMore) return;
    setIsLoadingMore(true);
    setPageError(null);
    const { controller, answer } = load(current);
    answer
      .then((loaded) => { if (!controller.signal.aborted) setPages(loaded); })
      .catch((caught: Error) => { if (!controller.signal.aborted) setPageError(caught); })
      .finally(() => { if (!controller.signal.aborted) setIsLoadingMore(false); });
  }, [load, isLoadingMore]);

  const reload = useCallback(() => setVersion((current) => current + 1), []);
  return { pages, error, isLoading, isLoadingMore, pageError, isOffered: path !== null, isCatalogLoaded: catalog.isLoaded, showMore, reload };
}
