import { createContext, useCallback, useContext, useRef, type ReactNode } from 'react';
import { useApiCatalog } from '../../api/api-catalog.js';
import { api } from '../../api/client.js';
import { pendingEndpoints } from '../../api/endpoints.js';
import type { StoreSettings } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';

/** null while the API does not expose the store's settings (currency, synthetic flag): see docs/web-app.md. */
const StoreSettingsContext = createContext<StoreSettings | null>(null);
// after a change (the store renamed), so the header and every page read the new settings
const ReloadStoreSettingsContext = createContext<() => void>(() => undefined);
type LoadStoreSettings = (signal?: AbortSignal) => Promise<StoreSettings | null>;
const LoadStoreSettingsContext = createContext<LoadStoreSettings>(async () => null);
const StoreSettingsLoadingContext = createContext(false);

/** `canReadSettings`: signed in with a password of one's own (GET /api/settings is refused before it is changed). */
export function StoreSettingsProvider({ canReadSettings, children }: { canReadSettings: boolean; children: ReactNode }) {
  const catalog = useApiCatalog();
  const path = canReadSettings ? catalog.firstOf('GET', pendingEndpoints.settings) : null;
  const settings = useApiData<StoreSettings>(path);
  // asked and not answered yet, the catalog's answer included: until then a missing currency says nothing
  const isLoading = canReadSettings && settings.data === null && settings.error === null && (!catalog.isLoaded || path !== null);
  const loaded = useRef(settings.data);
  loaded.current = settings.data;
  // before the catalog is read, the path every server of this version offers
  const askPath = canReadSettings && !catalog.isLoaded ? pendingEndpoints.settings[0] : path;
  const load = useCallback<LoadStoreSettings>(
    async (signal) => loaded.current ?? (askPath === null ? null : api.get<StoreSettings>(askPath, undefined, signal)),
    [askPath],
  );
  return (
    <ReloadStoreSettingsContext.Provider value={settings.reload}>
      <LoadStoreSettingsContext.Provider value={load}>
        <StoreSettingsLoadingContext.Provider value={isLoading}>
          <StoreSettingsContext.Provider value={settings.data}>{children}</StoreSettingsContext.Provider>
        </StoreSettingsLoadingContext.Provider>
      </LoadStoreSettingsContext.Provider>
    </ReloadStoreSettingsContext.Provider>
  );
}

export function useStoreSettings(): StoreSettings | null {
  return useContext(StoreSettingsContext);
}

/** Whether the store's settings are still on their way: amounts wait for the currency rather than show without it. */
export function useAreStoreSettingsLoading(): boolean {
  return useContext(StoreSettingsLoadingContext);
}

export function useReloadStoreSettings(): () => void {
  return useContext(ReloadStoreSettingsContext);
}

/**
 * The store's settings for work that must not go on without them (a file's amounts need the
 * currency): those already read, else asked for now. Null when the server does not offer them.
 */
export function useLoadStoreSettings(): LoadStoreSettings {
  return useContext(LoadStoreSettingsContext);
}
