import { createContext, useContext, type ReactNode } from 'react';
import { useApiCatalog } from '../../api/api-catalog.js';
import { pendingEndpoints } from '../../api/endpoints.js';
import type { StoreSettings } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';

/** null while the API does not expose the store's settings (currency, synthetic flag): see docs/web-app.md. */
const StoreSettingsContext = createContext<StoreSettings | null>(null);

/** `canReadSettings`: signed in with a password of one's own (GET /api/settings is refused before it is changed). */
export function StoreSettingsProvider({ canReadSettings, children }: { canReadSettings: boolean; children: ReactNode }) {
  const catalog = useApiCatalog();
  const path = canReadSettings ? catalog.firstOf('GET', pendingEndpoints.settings) : null;
  const settings = useApiData<StoreSettings>(path);
  return <StoreSettingsContext.Provider value={settings.data}>{children}</StoreSettingsContext.Provider>;
}

export function useStoreSettings(): StoreSettings | null {
  return useContext(StoreSettingsContext);
}
