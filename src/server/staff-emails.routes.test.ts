import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, createTestUser, openTestSession, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { userActor } from '../auth/index.js';
import { roleHasPermission, scopesHavePermission, type Permission } from '../auth/permissions.js';
import { storeAlerts } from '../analytics/alerts/alerts.repo.js';
import { createCustomer } from '../customers/customers.service.js';
import { mergeCustomers } from '../customers/merge.service.js';
import { startImportRun } from '../ingest/import-runs.repo.js';
import { buildApp } from './app.js';
import { registeredRoutes } from './plugins/authenticate.js';

/**
 * Staff emails stay behind audit:read (docs/architecture.md). The owner leaves
 * their actor on everything that records one (a segment, an acknowledged alert,
 * a merge, an import); every GET route an analyst or a `read` key may call is
 * then read and must not show that email. The routes come from the app itself,
 * so a route added later is read too.
 */
describeEachStore('staff emails outside the audit log', (context) => {
  let app: FastifyInstance;
  let ownerEmail = '';
  let ownerActor = '';
  let ownerHeaders: AuthHeaders;
  let segmentId = 0;
  let alertId = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
    await app.ready();
    const db = context.store.db;
    ownerEmail = `owner-${context.kind}@leak.example`;
    const owner = await createTestUser(context.store, 'owner', { email: ownerEmail });
    ownerActor = userActor(owner.user.userId, ownerEmail);
    ownerHeaders = (await openTestSession(context.store, owner)).headers;

    await storeAlerts(db, [{
      kind: 'metric_drop', metric: 'revenue', scope: 'all', granularity: 'day', windowStart: '2024-06-10', windowEnd: '2024-06-10',
      expected: 100, actual: 50, changePct: -50, explanation: { summary: 'revenue fell' },
    }]);
    alertId = Number((await db.selectFrom('alert').select('alert_id').executeTakeFirstOrThrow()).alert_id);
    expect((await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/acknowledge`, headers: ownerHeaders })).statusCode).toBe(200);
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: ownerHeaders, payload: { name: 'Jakarta', filter: { field: 'city', op: 'eq', value: 'Jakarta' } } });
    expect(created.statusCode, created.body).toBe(201);
    segmentId = created.json().segment.segment_id;

    const kept = await createCustomer(db, { email: 'kept@example.com', city: 'Jakarta' });
    const merged = await createCustomer(db, { email: 'merged@example.com' });
    await mergeCustomers(db, kept, merged, ownerActor);
    ids.customerId = kept;
    ids.importId = await startImportRun(db, { entity: 'customers', fileName: 'c.csv', preset: null, startedBy: ownerActor });
    ids.segmentId = segmentId;
    ids.personaId = 1;
  });
  afterAll(async () => app?.close());

  const extraQueries: Record<string, string> = { '/api/alerts': '?status=all&limit=500', '/api/customers/lookup': '?kind=email&value=kept%40example.com' };
  async function readEveryRoute(headers: AuthHeaders, holds: (permission: Permission) => boolean): Promise<Map<string, string>> {
    const bodies = new Map<string, string>();
    for (const route of registeredRoutes(app)) {
      if (route.method !== 'GET' || !route.url.startsWith('/api') || route.access === undefined || route.access === 'public') continue;
      if (!holds(route.access.permission)) continue;
      const url = route.url.replace(/:([A-Za-z]+)/g, (_match, name: string) => String(ids[name] ?? 1)) + (extraQueries[route.url] ?? '');
      const response = await app.inject({ method: 'GET', url, headers });
      bodies.set(url, response.body);
    }
    return bodies;
  }

  it('shows an analyst and a read key no staff email on any route they may read, the owner as user:<id>', async () => {
    const analyst = await signInAs(context.store, 'analyst');
    const readKey = await createTestApiKey(context.store, ['read']);
    const readers = [
      { label: 'analyst', headers: analyst.readHeaders, holds: (permission: Permission) => roleHasPermission('analyst', permission) },
      { label: 'read key', headers: readKey.headers, holds: (permission: Permission) => scopesHavePermission(['read'], permission) },
    ];
    const ownerId = ownerActor.split(':').slice(0, 2).join(':');
    for (const reader of readers) {
      const bodies = await readEveryRoute(reader.headers, reader.holds);
      expect(bodies.size, reader.label).toBeGreaterThan(20);
      for (const [url, body] of bodies) expect(body, `${reader.label} GET ${url}`).not.toContain(ownerEmail);
      expect(JSON.parse(bodies.get('/api/segments')!).items[0].created_by).toBe(ownerId);
      expect(JSON.parse(bodies.get(`/api/segments/${segmentId}`)!).segment.created_by).toBe(ownerId);
      expect(JSON.parse(bodies.get('/api/alerts?status=all&limit=500')!).alerts.find((alert: { alertId: number }) => alert.alertId === alertId).acknowledgedBy).toBe(ownerId);
      expect(JSON.parse(bodies.get('/api/imports')!).items[0].started_by).toBe(ownerId);
      expect(JSON.parse(bodies.get(`/api/imports/${ids.importId}`)!).started_by).toBe(ownerId);
    }
  });

  it("answers a marketer's or a write key's change of the owner's segment without the owner's email", async () => {
    const marketer = await signInAs(context.store, 'marketer');
    const writeKey = await createTestApiKey(context.store, ['write']);
    for (const headers of [marketer.headers, writeKey.headers]) {
      const changed = await app.inject({ method: 'PATCH', url: `/api/segments/${segmentId}`, headers, payload: { description: 'Jakarta buyers' } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.body).not.toContain(ownerEmail);
    }
  });

  it('shows a caller holding audit:read (an admin, a read + audit key) who it was, email included', async () => {
    const admin = await signInAs(context.store, 'admin');
    const auditKey = await createTestApiKey(context.store, ['read', 'audit']);
    for (const headers of [admin.readHeaders, auditKey.headers]) {
      const segments = await app.inject({ method: 'GET', url: '/api/segments', headers });
      expect(segments.json().items[0].created_by).toBe(ownerActor);
      const segment = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}`, headers });
      expect(segment.json().segment.created_by).toBe(ownerActor);
      const alerts = await app.inject({ method: 'GET', url: '/api/alerts?status=all', headers });
      expect(alerts.json().alerts.find((alert: { alertId: number }) => alert.alertId === alertId).acknowledgedBy).toBe(ownerActor);
      const imports = await app.inject({ method: 'GET', url: '/api/imports', headers });
      expect(imports.json().items[0].started_by).toBe(ownerActor);
      const run = await app.inject({ method: 'GET', url: `/api/imports/${ids.importId}`, headers });
      expect(run.json().started_by).toBe(ownerActor);
    }
  });

  it('names the owner by email when they open and close an import run, as reading the run does', async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers: ownerHeaders, payload: { entity: 'orders', fileName: 'o.csv' } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().started_by).toBe(ownerActor);
    const importId = opened.json().import_id;
    const closed = await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers: ownerHeaders, payload: { status: 'completed' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().started_by).toBe(ownerActor);
    expect((await app.inject({ method: 'GET', url: `/api/imports/${importId}`, headers: ownerHeaders })).json().started_by).toBe(ownerActor);
  });
});
