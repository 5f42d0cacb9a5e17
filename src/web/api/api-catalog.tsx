import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * The endpoints the running server offers, read from its OpenAPI document.
 * Analytics, models and segments land over time: screens ask here first and
 * say "not available yet" instead of calling a route that does not exist.
 */
export type ApiCatalog = { isLoaded: boolean; has: (method: string, path: string) => boolean; firstOf: (method: string, paths: readonly string[]) => string | null };

const emptyCatalog: ApiCatalog = { isLoaded: false, has: () => false, firstOf: () => null };
const CatalogContext = createContext<ApiCatalog>(emptyCatalog);

function catalogFrom(document: { paths?: Record<string, Record<string, unknown>> }): ApiCatalog {
  const keys = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const method of Object.keys(operations)) keys.add(`${method.toUpperCase()} ${path}`);
  }
  const has = (method: string, path: string) => keys.has(`${method.toUpperCase()} ${path}`);
  return { isLoaded: true, has, firstOf: (method, paths) => paths.find((path) => has(method, path)) ?? null };
}

export function ApiCatalogProvider({ children }: { children: ReactNode }) {
  const [catalog, setCatalog] = useState<ApiCatalog>(emptyCatalog);
  useEffect(() => {
    let isCurrent = true;
    fetch('/api/openapi.json')
      .then((response) => (response.ok ? response.json() : { paths: {} }))
      .catch(() => ({ paths: {} }))
      .then((document) => { if (isCurrent) setCatalog(catalogFrom(document)); });
    return () => { isCurrent = false; };
  }, []);
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

export function useApiCatalog(): ApiCatalog {
  return useContext(CatalogContext);
}
