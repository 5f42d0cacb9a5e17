import { useCallback, useEffect, useState } from 'react';
import { api } from './client.js';

export type ApiData<T> = { data: T | null; error: Error | null; isLoading: boolean; reload: () => void };

/**
 * GETs `path` (null: nothing to load, e.g. the endpoint is not offered yet) and
 * ignores answers that arrive after the path changed.
 */
export function useApiData<T>(path: string | null, query?: Record<string, string | number | undefined>): ApiData<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; isLoading: boolean }>({ data: null, error: null, isLoading: path !== null });
  const [version, setVersion] = useState(0);
  const queryKey = JSON.stringify(query ?? {});
  useEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, isLoading: false });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isLoading: true, error: null }));
    api.get<T>(path, JSON.parse(queryKey) as Record<string, string>, controller.signal)
      .then((data) => setState({ data, error: null, isLoading: false }))
      .catch((error: Error) => { if (!controller.signal.aborted) setState({ data: null, error, isLoading: false }); });
    return () => controller.abort();
  }, [path, queryKey, version]);
  const reload = useCallback(() => setVersion((current) => current + 1), []);
  return { ...state, reload };
}
