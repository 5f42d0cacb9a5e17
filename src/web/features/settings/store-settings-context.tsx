import { createContext, useContext, type ReactNode } from 'react';
import { useApiCatalog } from '../../api/api-catalog.js';
import { pendingEndpoints } from '../../api/endpoints.js';
import type { StoreSettings } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';

/** null while the API does not expose the store's settings (currency, synthetic flag): see docs/web-app.md. */
const StoreSettingsContext = createContext<StoreSettings | null>(null);
// after a change (the store renamed), so the header and every page read the new settings
const ReloadStoreSettingsContext = createContext<() => void>(() => undefined);

/** `canReadSettings`: signed in with a password of one's own (GET /api/settings is refused before it is changed). */
export function StoreSettingsProvider({ canReadSettings, children }: { canReadSettings: boolean; children: ReactNode }) {
  const catalog = useApiCatalog();
  const path = canReadSettings ? catalog.firstOf('GET', pendingEndpoints.settings) : null;
  const settings = useApiData<StoreSettings>(path);
  return (
    <ReloadStoreSettingsContext.Provider value={settings.reload}>
      <StoreSettingsContext.Provider value={settings.data}>{children}</StoreSettingsContext.Provider>
    </ReloadStoreSettingsContext.Provider>
  );
}

export function useStoreSettings(): StoreSettings | null {
  return useContext(StoreSettingsContext);
}

export function useReloadStoreSettings(): () => void {
  return useContext(ReloadStoreSettingsContext);
}
