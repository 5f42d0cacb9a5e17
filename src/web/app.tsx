import { useEffect } from 'react';
import { ApiCatalogProvider } from './api/api-catalog.js';
import { SessionProvider, useSession } from './features/auth/session-context.js';
import { StoreSettingsProvider, useStoreSettings } from './features/settings/store-settings-context.js';
import { I18nProvider } from './i18n/i18n-context.js';
import { Router } from './routes/router.js';
import { AppRoutes } from './routes/app-routes.js';
import type { ReactNode } from 'react';

function LocalisedApp({ children }: { children: ReactNode }) {
  const { locale } = useSession();
  const settings = useStoreSettings();
  useEffect(() => { document.documentElement.lang = locale; }, [locale]);
  return <I18nProvider locale={locale} currency={settings?.currency ?? null} timeZone={settings?.timeZone}>{children}</I18nProvider>;
}

function SettingsForSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  // The server refuses everything but the password change after a one-time password: ask once it is done.
  const canReadSettings = state.status === 'signed-in' && !state.me.mustChangePassword;
  return <StoreSettingsProvider canReadSettings={canReadSettings}>{children}</StoreSettingsProvider>;
}

export function App() {
  return (
    <ApiCatalogProvider>
      <SessionProvider>
        <SettingsForSession>
          <LocalisedApp>
            <Router>
              <AppRoutes />
            </Router>
          </LocalisedApp>
        </SettingsForSession>
      </SessionProvider>
    </ApiCatalogProvider>
  );
}
