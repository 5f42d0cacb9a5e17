import { useSession } from '../features/auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Link, useRouter } from '../routes/router.js';
import type { Permission } from '../api/types.js';

type NavigationItem = { to: string; labelKey: string; permission: Permission };

// Each entry shows only to roles that may use it; the server enforces the same permissions.
const items: NavigationItem[] = [
  { to: '/', labelKey: 'nav.home', permission: 'customers:read' },
  { to: '/customers', labelKey: 'nav.customers', permission: 'customers:read' },
  { to: '/reports', labelKey: 'nav.reports', permission: 'analytics:read' },
  { to: '/segments', labelKey: 'nav.segments', permission: 'analytics:read' },
  { to: '/personas', labelKey: 'nav.personas', permission: 'analytics:read' },
  { to: '/import', labelKey: 'nav.import', permission: 'ingest:write' },
  { to: '/settings', labelKey: 'nav.settings', permission: 'account:manage' },
];

function isCurrent(itemPath: string, path: string): boolean {
  return itemPath === '/' ? path === '/' : path === itemPath || path.startsWith(`${itemPath}/`);
}

export function MainNavigation() {
  const { t } = useI18n();
  const { can } = useSession();
  const { path } = useRouter();
  return (
    <nav className="main-navigation" aria-label={t('nav.label')}>
      <ul>
        {items.filter((item) => can(item.permission)).map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={isCurrent(item.to, path) ? 'page' : undefined}>{t(item.labelKey)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
