import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { MainNavigation } from './main-navigation.js';
import { LanguagePicker } from './language-picker.js';
import { SyntheticBadge } from './synthetic-badge.js';
import { UserMenu } from './user-menu.js';
import { Link } from '../routes/router.js';
import { useAreStoreSettingsLoading, useStoreSettings } from '../features/settings/store-settings-context.js';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const settings = useStoreSettings();
  const areSettingsLoading = useAreStoreSettingsLoading();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('shell.skipToContent')}</a>
      <header className="shell-header">
        <Link to="/" className="brand">{t('shell.productName')}</Link>
        <SyntheticBadge />
        <div className="shell-header-end">
          <LanguagePicker />
          <UserMenu />
        </div>
      </header>
      <MainNavigation />
      <main id="main" className="shell-main" tabIndex={-1}>{children}</main>
      {settings || areSettingsLoading ? null : <footer className="shell-footer muted small">{t('shell.currencyUnknown')}</footer>}
    </div>
  );
}
