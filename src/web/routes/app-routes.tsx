import { lazy, Suspense, useEffect, useRef } from 'react';
import { useI18n, type I18n } from '../i18n/i18n-context.js';
import { useSession } from '../features/auth/session-context.js';
import { SignInPage } from '../features/auth/sign-in-page.js';
import { ChangePasswordPage } from '../features/auth/change-password-page.js';
import { AppShell } from '../components/app-shell.js';
import { LoadingState } from '../components/loading-state.js';
import { NotFoundPage, RoleCannotOpenPage } from '../components/not-found-page.js';
import { HomePage } from '../features/home/home-page.js';
import { CustomersPage } from '../features/customers/customers-page.js';
import { useRouter } from './router.js';
import { routeAccess } from './route-access.js';
import type { Permission } from '../api/types.js';
import type { ReactElement } from 'react';

// Pages that draw charts load ECharts with them, so sign-in, home and the list stay light.
const Customer360Page = lazy(() => import('../features/customers/customer-360-page.js').then((module) => ({ default: module.Customer360Page })));
const NewCustomerPage = lazy(() => import('../features/customers/new-customer-page.js').then((module) => ({ default: module.NewCustomerPage })));
const ReportsPage = lazy(() => import('../features/reports/reports-page.js').then((module) => ({ default: module.ReportsPage })));
const ImportPage = lazy(() => import('../features/import/import-page.js').then((module) => ({ default: module.ImportPage })));
const SegmentsPage = lazy(() => import('../features/segments/segments-page.js').then((module) => ({ default: module.SegmentsPage })));
const SegmentPage = lazy(() => import('../features/segments/segment-page.js').then((module) => ({ default: module.SegmentPage })));
const SegmentEditorPage = lazy(() => import('../features/segments/segment-editor-page.js').then((module) => ({ default: module.SegmentEditorPage })));
const PersonasPage = lazy(() => import('../features/personas/personas-page.js').then((module) => ({ default: module.PersonasPage })));
const AccountPage = lazy(() => import('../features/account/account-page.js').then((module) => ({ default: module.AccountPage })));
const TeamPage = lazy(() => import('../features/account/team-page.js').then((module) => ({ default: module.TeamPage })));
const StorePage = lazy(() => import('../features/account/store-page.js').then((module) => ({ default: module.StorePage })));
const PolicyPage = lazy(() => import('../features/account/policy-page.js').then((module) => ({ default: module.PolicyPage })));
const AuditPage = lazy(() => import('../features/account/audit-page.js').then((module) => ({ default: module.AuditPage })));
const ApiKeysPage = lazy(() => import('../features/account/api-keys-page.js').then((module) => ({ default: module.ApiKeysPage })));
const PersonaPage = lazy(() => import('../features/personas/persona-page.js').then((module) => ({ default: module.PersonaPage })));

/**
 * `ids`: the route's `…Id` parameters, already checked to be positive whole numbers; `title`: the
 * page's name in the browser's tab and history.
 */
type Route = { pattern: string; permission: Permission; title: (t: I18n['t'], ids: Record<string, number>) => string; render: (ids: Record<string, number>) => ReactElement };

/** Exported for the tests of who may open what (route-access.test.ts). */
export const routes: Route[] = [
  { pattern: '/', permission: 'customers:read', title: (t) => t('nav.home'),  render: () => <HomePage /> },
  { pattern: '/customers', permission: 'customers:read', title: (t) => t('nav.customers'),  render: () => <CustomersPage /> },
  // before /customers/:customerId, which would otherwise take "new" for an id
  { pattern: '/customers/new', permission: 'customers:write', title: (t) => `${t('customers.new.title')} · ${t('nav.customers')}`,  render: () => <NewCustomerPage /> },
  { pattern: '/customers/:customerId', permission: 'customers:read', title: (t, { customerId }) => `${t('customer.number', { id: customerId })} · ${t('nav.customers')}`,  render: ({ customerId }) => <Customer360Page key={customerId} customerId={customerId} /> },
  { pattern: '/reports', permission: 'analytics:read', title: (t) => t('nav.reports'),  render: () => <ReportsPage /> },
  { pattern: '/import', permission: 'ingest:write', title: (t) => t('nav.import'),  render: () => <ImportPage /> },
  { pattern: '/segments', permission: 'analytics:read', title: (t) => t('nav.segments'),  render: () => <SegmentsPage /> },
  // before /segments/:segmentId, which would otherwise take "new" for an id
  { pattern: '/segments/new', permission: 'analytics:write', title: (t) => t('nav.segments'),  render: () => <SegmentEditorPage /> },
  { pattern: '/segments/:segmentId', permission: 'analytics:read', title: (t, { segmentId }) => `#${segmentId} · ${t('nav.segments')}`,  render: ({ segmentId }) => <SegmentPage key={segmentId} segmentId={segmentId} /> },
  { pattern: '/segments/:segmentId/edit', permission: 'analytics:write', title: (t, { segmentId }) => `#${segmentId} · ${t('nav.segments')}`,  render: ({ segmentId }) => <SegmentEditorPage key={segmentId} segmentId={segmentId} /> },
  { pattern: '/personas', permission: 'analytics:read', title: (t) => t('nav.personas'),  render: () => <PersonasPage /> },
  { pattern: '/settings', permission: 'account:manage', title: (t) => t('settings.title'),  render: () => <AccountPage /> },
  { pattern: '/settings/store', permission: 'customers:read', title: (t) => `${t('settings.tabs.store')} · ${t('settings.title')}`,  render: () => <StorePage /> },
  { pattern: '/settings/customer-types', permission: 'analytics:read', title: (t) => `${t('settings.tabs.policy')} · ${t('settings.title')}`,  render: () => <PolicyPage /> },
  { pattern: '/settings/audit', permission: 'audit:read', title: (t) => `${t('settings.tabs.audit')} · ${t('settings.title')}`,  render: () => <AuditPage /> },
  { pattern: '/settings/team', permission: 'users:manage', title: (t) => `${t('settings.tabs.team')} · ${t('settings.title')}`,  render: () => <TeamPage /> },
  { pattern: '/settings/api-keys', permission: 'api-keys:manage', title: (t) => `${t('settings.tabs.apiKeys')} · ${t('settings.title')}`,  render: () => <ApiKeysPage /> },
  { pattern: '/personas/:personaId', permission: 'analytics:read', title: (t, { personaId }) => `#${personaId} · ${t('nav.personas')}`,  render: ({ personaId }) => <PersonaPage key={personaId} personaId={personaId} /> },
];

export function AppRoutes() {
  const { state, can } = useSession();
  const { path } = useRouter();
  const { t } = useI18n();
  // /customers/abc or /customers/0 is no page: not found, without asking the API for /customers/NaN; a page
  // the role may not open says so, and who can, rather than that it may not exist
  const access = routeAccess(routes, path, can);
  const title = state.status === 'loading' ? null
    : state.status === 'signed-out' ? t('signIn.title')
      : state.me.mustChangePassword ? t('password.title')
        : access.kind === 'page' ? access.route.title(t, access.ids) : access.kind === 'forbidden' ? t('forbiddenPage.title') : t('notFound.title');
  useDocumentTitle(title);
  useFocusOnNavigation(path, state.status === 'signed-in');
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'signed-out') return <SignInPage />;
  if (state.me.mustChangePassword) return <ChangePasswordPage />;
  const page = access.kind === 'page' ? access.route.render(access.ids)
    : access.kind === 'forbidden' ? <RoleCannotOpenPage role={state.me.role} allowedRoles={access.allowedRoles} /> : <NotFoundPage />;
  return (
    <AppShell>
      <Suspense fallback={<LoadingState />}>{page}</Suspense>
    </AppShell>
  );
}

function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title !== null) document.title = `${title} · Clientele`;
  }, [title]);
}

/**
 * After a move to another page (not the first), focus goes to the main content, so a keyboard or
 * screen-reader user starts there and hears that the page changed, as after a full page load.
 */
function useFocusOnNavigation(path: string, isSignedIn: boolean): void {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (!isSignedIn) return;
    if (previous.current !== null && previous.current !== path) document.getElementById('main')?.focus();
    previous.current = path;
  }, [path, isSignedIn]);
}
