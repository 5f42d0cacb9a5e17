import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './client.js';

/** `replace`: takes data the server sent in another answer (a save's), dropping a load still on its way, which would be older. */
export type ApiData<T> = { data: T | null; error: Error | null; isLoading: boolean; reload: () => void; replace: (data: T) => void };

/**
 * GETs `path` (null: nothing to load, e.g. the endpoint is not offered yet) and
 * ignores answers that arrive after the path changed.
 */
export function useApiData<T>(path: string | null, query?: Record<string, string | number | undefined>): ApiData<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; isLoading: boolean }>({ data: null, error: null, isLoading: path !== null });
  const [version, setVersion] = useState(0);
  const loading = useRef<AbortController | null>(null);
  const queryKey = JSON.stringify(query ?? {});
  useEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, isLoading: false });
      return;
    }
    const controller = new AbortController();
    loading.current = controller;
    setState((previous) => ({ ...previous, isLoading: true, error: null }));
    api.get<T>(path, JSON.parse(queryKey) as Record<string, string>, controller.signal)
      .then((data) => { if (!controller.signal.aborted) setState({ data, error: null, isLoading: false }); })
      .catch((error: Error) => { if (!controller.signal.aborted) setState({ data: null, error, isLoading: false }); });
    return () => controller.abort();
  }, [path, queryKey, version]);
  const reload = useCallback(() => setVersion((current) => current + 1), []);
  const replace = useCallback((data: T) => {
    loading.current?.abort();
    setState({ data, error: null, isLoading: false });
  }, []);
  return { ...state, reload, replace };
}
