import { useApiCatalog } from './api-catalog.js';
import { fillPath, pendingEndpoints, type PendingEndpoint } from './endpoints.js';
import { useApiData, type ApiData } from './use-api-data.js';

export type PendingData<T> = ApiData<T> & { isOffered: boolean; isCatalogLoaded: boolean };

/** Loads an endpoint that may not exist yet; `isOffered` false means the server does not have it. */
export function usePendingEndpoint<T>(name: PendingEndpoint, options: { parameters?: Record<string, string | number>; query?: Record<string, string | number | undefined>; isEnabled?: boolean } = {}): PendingData<T> {
  const catalog = useApiCatalog();
  const path = catalog.firstOf('GET', pendingEndpoints[name]);
  const isEnabled = options.isEnabled ?? true;
  const data = useApiData<T>(path && isEnabled ? fillPath(path, options.parameters ?? {}) : null, options.query);
  return { ...data, isOffered: path !== null, isCatalogLoaded: catalog.isLoaded };
}
