import type { ReactNode } from 'react';
import type { Permission } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link, useRouter } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';

// Each tab shows only to roles that may use it; the server enforces the same permissions.
const tabs: Array<{ to: string; labelKey: string; permission: Permission }> = [
  { to: '/settings', labelKey: 'settings.tabs.account', permission: 'account:manage' },
  { to: '/settings/store', labelKey: 'settings.tabs.store', permission: 'customers:read' },
  { to: '/settings/customer-types', labelKey: 'settings.tabs.policy', permission: 'analytics:read' },
  { to: '/settings/team', labelKey: 'settings.tabs.team', permission: 'users:manage' },
  { to: '/settings/api-keys', labelKey: 'settings.tabs.apiKeys', permission: 'api-keys:manage' },
  { to: '/settings/audit', labelKey: 'settings.tabs.audit', permission: 'audit:read' },
];

export function SettingsLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { path } = useRouter();
  const visible = tabs.filter((tab) => can(tab.permission));
  return (
    <section className="page page-settings">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      {visible.length > 1 ? (
        <nav className="settings-tabs" aria-label={t('settings.title')}>
          <ul>
            {visible.map((tab) => (
              <li key={tab.to}><Link to={tab.to} aria-current={path === tab.to ? 'page' : undefined}>{t(tab.labelKey)}</Link></li>
            ))}
          </ul>
        </nav>
      ) : null}
      {children}
    </section>
  );
}
