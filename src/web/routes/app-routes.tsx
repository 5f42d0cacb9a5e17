import { lazy, Suspense } from 'react';
import { useSession } from '../features/auth/session-context.js';
import { SignInPage } from '../features/auth/sign-in-page.js';
import { ChangePasswordPage } from '../features/auth/change-password-page.js';
import { AppShell } from '../components/app-shell.js';
import { LoadingState } from '../components/loading-state.js';
import { NotFoundPage } from '../components/not-found-page.js';
import { HomePage } from '../features/home/home-page.js';
import { CustomersPage } from '../features/customers/customers-page.js';
import { matchPath, useRouter } from './router.js';
import { parseRouteIds } from './route-ids.js';
import type { Permission } from '../api/types.js';
import type { ReactElement } from 'react';

// Pages that draw charts load ECharts with them, so sign-in, home and the list stay light.
const Customer360Page = lazy(() => import('../features/customers/customer-360-page.js').then((module) => ({ default: module.Customer360Page })));
const ReportsPage = lazy(() => import('../features/reports/reports-page.js').then((module) => ({ default: module.ReportsPage })));
const ImportPage = lazy(() => import('../features/import/import-page.js').then((module) => ({ default: module.ImportPage })));
const SegmentsPage = lazy(() => import('../features/segments/segments-page.js').then((module) => ({ default: module.SegmentsPage })));
const SegmentPage = lazy(() => import('../features/segments/segment-page.js').then((module) => ({ default: module.SegmentPage })));
const SegmentEditorPage = lazy(() => import('../features/segments/segment-editor-page.js').then((module) => ({ default: module.SegmentEditorPage })));
const PersonasPage = lazy(() => import('../features/personas/personas-page.js').then((module) => ({ default: module.PersonasPage })));
const PersonaPage = lazy(() => import('../features/personas/persona-page.js').then((module) => ({ default: module.PersonaPage })));

/** `ids`: the route's `…Id` parameters, already checked to be positive whole numbers. */
type Route = { pattern: string; permission: Permission; render: (ids: Record<string, number>) => ReactElement };

const routes: Route[] = [
  { pattern: '/', permission: 'customers:read', render: () => <HomePage /> },
  { pattern: '/customers', permission: 'customers:read', render: () => <CustomersPage /> },
  { pattern: '/customers/:customerId', permission: 'customers:read', render: ({ customerId }) => <Customer360Page key={customerId} customerId={customerId} /> },
  { pattern: '/reports', permission: 'analytics:read', render: () => <ReportsPage /> },
  { pattern: '/import', permission: 'ingest:write', render: () => <ImportPage /> },
  { pattern: '/segments', permission: 'analytics:read', render: () => <SegmentsPage /> },
  // before /segments/:segmentId, which would otherwise take "new" for an id
  { pattern: '/segments/new', permission: 'analytics:write', render: () => <SegmentEditorPage /> },
  { pattern: '/segments/:segmentId', permission: 'analytics:read', render: ({ segmentId }) => <SegmentPage key={segmentId} segmentId={segmentId} /> },
  { pattern: '/segments/:segmentId/edit', permission: 'analytics:write', render: ({ segmentId }) => <SegmentEditorPage key={segmentId} segmentId={segmentId} /> },
  { pattern: '/personas', permission: 'analytics:read', render: () => <PersonasPage /> },
  { pattern: '/personas/:personaId', permission: 'analytics:read', render: ({ personaId }) => <PersonaPage key={personaId} personaId={personaId} /> },
];

export function AppRoutes() {
  const { state, can } = useSession();
  const { path } = useRouter();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'signed-out') return <SignInPage />;
  if (state.me.mustChangePassword) return <ChangePasswordPage />;
  const match = routes.map((route) => ({ route, parameters: matchPath(route.pattern, path) })).find((candidate) => candidate.parameters !== null);
  // /customers/abc or /customers/0 is no page: not found, without asking the API for /customers/NaN
  const ids = match?.parameters ? parseRouteIds(match.parameters) : null;
  const page = match && ids && can(match.route.permission) ? match.route.render(ids) : <NotFoundPage />;
  return (
    <AppShell>
      <Suspense fallback={<LoadingState />}>{page}</Suspense>
    </AppShell>
  );
}
