import { createContext, useContext, type ReactNode } from 'react';
import { useApiCatalog } from '../../api/api-catalog.js';
import { pendingEndpoints } from '../../api/endpoints.js';
import type { StoreSettings } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';

/** null while the API does not expose the store's settings (currency, synthetic flag): see docs/web-app.md. */
const StoreSettingsContext = createContext<StoreSettings | null>(null);

export function StoreSettingsProvider({ isSignedIn, children }: { isSignedIn: boolean; children: ReactNode }) {
  const catalog = useApiCatalog();
  const path = isSignedIn ? catalog.firstOf('GET', pendingEndpoints.settings) : null;
  const settings = useApiData<StoreSettings>(path);
  return <StoreSettingsContext.Provider value={settings.data}>{children}</StoreSettingsContext.Provider>;
}

export function useStoreSettings(): StoreSettings | null {
  return useContext(StoreSettingsContext);
}
