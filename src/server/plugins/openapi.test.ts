import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { createTestUser, openTestSession, signInAs, type TestSession } from '../../../test/helpers/auth.js';
import { validateAgainst, type OpenApiDocument } from '../../../test/helpers/openapi.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';

type Call = { params?: Record<string, string | number>; query?: Record<string, string | number>; payload?: unknown; headers?: Record<string, string> };

const clock = fixedClock('2025-01-01T00:00:00Z');
const cities = ['Jakarta', 'Bandung', 'Surabaya', 'Medan'];
const channels = ['store', 'web', 'mobile', 'marketplace'];
const pad = (n: number) => String(n).padStart(2, '0');
const customers = Array.from({ length: 40 }, (_, i) => ({
  customer_id: `K${pad(i)}`, name: `Customer ${pad(i)}`, email: `k${pad(i)}@example.com`, city: cities[i % 4], birth_year: String(1960 + i), gender: i % 2 ? 'female' : 'male',
  // personas describe only buyers who agreed to profiling
  consent_profiling: 'yes',
}));
// one to five purchase days each through 2024, so the models, types and RFM have repeat buyers to work on; half
// of them stop buying after February, so the models see customers drop out (a fit where nobody does is refused)
const dayOf = (i: number, j: number) => (i % 2 === 0 ? (i + j * 11) % 60 : (i * 7 + j * 61) % 340);
const orders = customers.flatMap((customer, i) => Array.from({ length: 1 + (i % 5) }, (_, j) => ({
  order_id: `W${pad(i)}-${j}`, customer_id: customer.customer_id, amount: String(20_000 + i * 1_000 + j * 5_000), channel: channels[(i + j) % 4],
  ordered_at: new Date(Date.UTC(2024, 0, 1 + dayOf(i, j), 3)).toISOString(),
})));

/**
 * Every documented operation, called as an owner on a small store with data,
 * and each real answer held to the published document: its status must be one
 * the operation documents, and its body must satisfy the schema documented for
 * that status. The app logs a warning when a response schema leaves out a field
 * the handler sent (plugins/response-serializer.ts); there must be none.
 */
describeEachStore('the OpenAPI document and the real answers', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;
  let document: OpenApiDocument;
  const warnings: string[] = [];
  const seen = new Map<string, Set<number>>();

  beforeAll(async () => {
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _encoding, done) => { warnings.push(String(chunk)); done(); } }));
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock, logger });
    owner = await signInAs(context.store, 'owner');
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => app?.close());

  /** Calls `operation` ("METHOD /api/path/{param}") and checks the answer against the document. */
  async function call(operation: string, request: Call = {}): Promise<LightMyRequestResponse> {
    const [method, template] = operation.split(' ') as [string, string];
    const url = template.replace(/\{(\w+)\}/g, (_match, name: string) => String(request.params?.[name]));
    const response = await app.inject({
      method: method as 'GET', url, query: request.query as Record<string, string> | undefined, headers: request.headers ?? owner.headers,
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });
    const documented = document.paths[template]?.[method.toLowerCase()];
    expect(documented, `${operation} is not in the document`).toBeDefined();
    const answer = documented!.responses[String(response.statusCode)];
    expect(answer, `${operation} answered ${response.statusCode}, which it does not document: ${response.body.slice(0, 300)}`).toBeDefined();
    const schema = answer!.content?.['application/json']?.schema;
    if (schema) expect(validateAgainst(schema, response.json(), document), `${operation} ${response.statusCode}`).toEqual([]);
    else expect(response.body, `${operation} ${response.statusCode} documents no body`).toBe('');
    seen.set(operation, (seen.get(operation) ?? new Set()).add(response.statusCode));
    return response;
  }
  const expectStatus = (response: LightMyRequestResponse, status: number) => expect(response.statusCode, response.body.slice(0, 300)).toBe(status);

  it('documents the public operations as public, and the one error shape', () => {
    for (const path of ['/api/health', '/api/auth/login']) expect(document.paths[path].get?.security ?? document.paths[path].post?.security).toEqual([]);
    expect(document.paths['/api/customers'].get.security).toBeUndefined();
    expect(document.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(document.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        expect(statuses.filter((status) => status < '300'), `${method} ${path}`).toHaveLength(1);
        expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '500', '503']));
        // an unreachable store is answered 503 on every route (the error handler's), with when to ask again
        expect(operation.responses['503'].headers?.['Retry-After'], `${method} ${path} 503`).toBeDefined();
        for (const status of statuses.filter((status) => status >= '400')) {
          expect(operation.responses[status].content?.['application/json']?.schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
  });

  it('lists null among the values of every nullable enum, as validators that check enum on its own need', () => {
    const missingNull: string[] = [];
    const pending: Array<{ value: unknown; path: string }> = [{ value: document, path: '$' }];
    while (pending.length > 0) {
      const { value, path } = pending.pop()!;
      if (typeof value !== 'object' || value === null) continue;
      const schema = value as Record<string, unknown>;
      if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) missingNull.push(path);
      for (const [key, item] of Object.entries(schema)) pending.push({ value: item, path: `${path}.${key}` });
    }
    expect(missingNull).toEqual([]);
  });

  it('names every operation once, for generated clients, and says who may call each', () => {
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, operation]) => ({ key: `${method} ${path}`, operation })));
    const ids = operations.map(({ operation }) => (operation as { operationId?: string }).operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z]+[A-Z][A-Za-z]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect((document.paths['/api/customers/{customerId}'].get as unknown as { operationId: string }).operationId).toBe('getCustomersById');
    const described = (key: string) => (operations.find((entry) => entry.key === key)!.operation as { description?: string }).description ?? '';
    expect(described('post /api/ingest/{entity}')).toContain('Requires the `ingest:write` permission: roles owner, admin, marketer; API keys with the scope ingest or admin.');
    expect(described('get /api/audit')).toContain('Requires the `audit:read` permission: roles owner, admin; API keys with the scope audit or admin.');
    expect(described('get /api/health')).not.toContain('Requires the');
  });

  it('answers the customer and ingest operations as documented', async () => {
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'customers' }, payload: { records: customers } }), 200);
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'orders' }, payload: { records: [...orders, { order_id: 'BAD', customer_id: 'K01', ordered_at: 'soon', amount: '1' }] } }), 200);
    const lines = [{ order_id: 'W04-0', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: '2', unit_price: '12000' }];
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'lines' }, payload: { records: lines } }), 200);
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'products' }, payload: { records: [{ sku: 'KOPI-1', name: 'Kopi susu', category: 'coffee', unit_price: '12000' }] } }), 200);
    const events = [{ event_id: 'E1', customer_id: 'K04', kind: 'signup', channel: 'web', occurred_at: '2023-12-20T05:00:00Z' }];
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'events' }, payload: { records: events } }), 200);
    const key = { ...owner.headers, 'idempotency-key': 'openapi-1' };
    await call('POST /api/ingest/{entity}', { params: { entity: 'events' }, payload: { records: events }, headers: key });
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'events' }, payload: { records: [] }, headers: key }), 400);
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'events' }, payload: { records: events.map((event) => ({ ...event, channel: 'store' })) }, headers: key }), 409);
    expectStatus(await call('GET /api/imports'), 200);
    expectStatus(await call('GET /api/ingest/sources'), 200);
    const run = (await call('POST /api/imports', { payload: { entity: 'events', fileName: 'visits.csv' } })).json();
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'events' }, payload: { records: events, importId: run.import_id, lines: events.map((_event, index) => index + 2) } }), 200);
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'orders' }, payload: { records: orders, importId: run.import_id } }), 409);
    expectStatus(await call('POST /api/ingest/{entity}', { params: { entity: 'events' }, payload: { records: events, importId: 999_999 } }), 404);
    expectStatus(await call('GET /api/imports/{importId}', { params: { importId: run.import_id } }), 200);
    expectStatus(await call('POST /api/imports/{importId}/close', { params: { importId: run.import_id }, payload: { status: 'completed' } }), 200);
    expectStatus(await call('POST /api/imports/{importId}/close', { params: { importId: run.import_id }, payload: { status: 'failed' } }), 409);
    expectStatus(await call('GET /api/imports/{importId}', { params: { importId: 999_999 } }), 404);

    const page = await call('GET /api/customers', { query: { limit: 2, sort: 'revenue' } });
    expectStatus(await call('GET /api/customers', { query: { limit: 2, sort: 'revenue', cursor: page.json().nextCursor } }), 200);
    expectStatus(await call('GET /api/customers', { query: { cursor: 'forged' } }), 400);
    expectStatus(await call('GET /api/customers/count', { query: { status: 'real' } }), 200);
    expectStatus(await call('GET /api/customers/count', { query: { channel: 'fax' } }), 400);
    const created = await call('POST /api/customers', { payload: { name: 'Rina', email: 'rina@example.com', identities: [{ kind: 'external', namespace: 'card', value: 'LC-9' }] } });
    expectStatus(created, 201);
    const rinaId = created.json().customer.customer_id;
    expectStatus(await call('POST /api/customers', { payload: { name: 'Rina again', email: 'rina@example.com' } }), 409);
    expectStatus(await call('GET /api/customers/lookup', { query: { kind: 'email', value: 'k04@example.com' } }), 200);
    expectStatus(await call('GET /api/customers/lookup', { query: { kind: 'email', value: 'nobody@example.com' } }), 404);
    const buyerId = (await call('GET /api/customers/lookup', { query: { kind: 'email', value: 'k04@example.com' } })).json().customer.customer_id;
    expectStatus(await call('GET /api/customers/{customerId}', { params: { customerId: buyerId } }), 200);
    expectStatus(await call('GET /api/customers/{customerId}', { params: { customerId: 999_999 } }), 404);
    expectStatus(await call('PATCH /api/customers/{customerId}', { params: { customerId: rinaId }, payload: { city: 'Bogor', consentEmail: true } }), 200);
    expectStatus(await call('PATCH /api/customers/{customerId}', { params: { customerId: rinaId }, payload: { isAdmin: true } }), 400);
    expectStatus(await call('GET /api/customers/{customerId}/timeline', { params: { customerId: buyerId }, query: { limit: 3 } }), 200);
    const order = await call('GET /api/orders/lookup', { query: { source: 'api', externalId: 'W04-0' } });
    expectStatus(order, 200);
    expectStatus(await call('GET /api/orders/lookup', { query: { source: 'api', externalId: 'W04-404' } }), 404);
    expectStatus(await call('GET /api/orders/{orderId}', { params: { orderId: order.json().order_id } }), 200);
    expectStatus(await call('GET /api/orders/{orderId}', { params: { orderId: 999_999 } }), 404);

    const other = await call('POST /api/customers', { payload: { name: 'Rina K.', phone: '+62 812 7777 0000' } });
    const merged = await call('POST /api/customers/{customerId}/merge', { params: { customerId: rinaId }, payload: { otherCustomerId: other.json().customer.customer_id } });
    expectStatus(merged, 200);
    expectStatus(await call('POST /api/customers/{customerId}/merge', { params: { customerId: rinaId }, payload: { otherCustomerId: 999_999 } }), 404);
    expectStatus(await call('GET /api/customers/{customerId}/merges', { params: { customerId: rinaId } }), 200);
    expectStatus(await call('GET /api/customers/{customerId}/export', { params: { customerId: rinaId } }), 200);
    expectStatus(await call('GET /api/customers/{customerId}/export', { params: { customerId: 999_999 } }), 404);
    const removeIdentity = (query: Record<string, string>) => call('DELETE /api/customers/{customerId}/identities', { params: { customerId: rinaId }, query });
    expectStatus(await removeIdentity({ kind: 'phone', value: '+62 812 7777 0000' }), 409);
    expectStatus(await removeIdentity({ kind: 'external', namespace: 'card', value: 'LC-9' }), 200);
    expectStatus(await removeIdentity({ kind: 'external', namespace: 'card', value: 'LC-9' }), 404);
    expectStatus(await call('POST /api/merges/{mergeId}/undo', { params: { mergeId: merged.json().mergeId } }), 200);
    expectStatus(await call('POST /api/merges/{mergeId}/undo', { params: { mergeId: merged.json().mergeId } }), 409);
    expectStatus(await call('DELETE /api/customers/{customerId}', { params: { customerId: other.json().customer.customer_id } }), 204);
    expectStatus(await call('GET /api/customers/{customerId}', { params: { customerId: other.json().customer.customer_id } }), 404);
    // the erasure kept their phone as a suppression entry
    const unsuppress = () => call('POST /api/customers/erasure-suppression/remove', { payload: { kind: 'phone', value: '+62 812 7777 0000' } });
    expectStatus(await unsuppress(), 200);
    expectStatus(await unsuppress(), 404);
  });

  it('answers the analytics, model and report operations as documented', async () => {
    expectStatus(await call('POST /api/analytics/analyze', { payload: { asOf: '2024-12-31' } }), 200);
    expectStatus(await call('GET /api/analytics/policy'), 200);
    expectStatus(await call('PATCH /api/analytics/policy', { payload: { vip: { topPercent: 10 } } }), 200);
    expectStatus(await call('PATCH /api/analytics/policy', { payload: { vip: { topPercent: 101 } } }), 400);
    for (const report of ['types', 'rfm', 'lifecycle', 'cohorts', 'summary', 'revenue', 'type-migration']) expectStatus(await call(`GET /api/reports/${report}`), 200);
    expectStatus(await call('GET /api/categories', { query: { limit: 5 } }), 200);
    expectStatus(await call('GET /api/categories', { query: { limit: 0 } }), 400);
    const alerts = await call('GET /api/alerts', { query: { status: 'all' } });
    expectStatus(alerts, 200);
    const alertId = alerts.json().alerts[0]?.alertId;
    if (alertId) expectStatus(await call('POST /api/alerts/{alertId}/acknowledge', { params: { alertId } }), 200);
    expectStatus(await call('POST /api/alerts/{alertId}/acknowledge', { params: { alertId: 999_999 } }), 404);
    if (alertId) expectStatus(await call('POST /api/alerts/{alertId}/reopen', { params: { alertId } }), 200);
    expectStatus(await call('POST /api/alerts/{alertId}/reopen', { params: { alertId: 999_999 } }), 404);

    const buyerId = (await call('GET /api/customers/lookup', { query: { kind: 'email', value: 'k04@example.com' } })).json().customer.customer_id;
    expectStatus(await call('GET /api/customers/{customerId}/types', { params: { customerId: buyerId } }), 200);
    expectStatus(await call('GET /api/customers/{customerId}/prediction', { params: { customerId: buyerId } }), 404);
    expectStatus(await call('POST /api/models/fit', { payload: { calibrationEnd: '2024-12-31', model: 'all' } }), 200);
    expectStatus(await call('POST /api/models/validate', { payload: { calibrationEnd: '2024-09-30', holdoutEnd: '2024-12-31', model: 'bgnbd' } }), 200);
    expectStatus(await call('POST /api/models/validate', { payload: { calibrationEnd: '2024-12-31', holdoutEnd: '2024-09-30' } }), 400);
    // BG/NBD runs off to its edge on these 40 customers (not converged); Pareto/NBD, fitting them soundly, stands in
    expectStatus(await call('POST /api/models/predict', { payload: { asOf: '2024-12-31' } }), 200);
    expectStatus(await call('GET /api/models/fits'), 200);
    expectStatus(await call('GET /api/customers/{customerId}/prediction', { params: { customerId: buyerId } }), 200);
    expectStatus(await call('GET /api/customers/{customerId}', { params: { customerId: buyerId } }), 200);
    expectStatus(await call('GET /api/customers/{customerId}/timeline', { params: { customerId: buyerId } }), 200);
    expectStatus(await call('GET /api/settings'), 200);
    expectStatus(await call('PATCH /api/settings', { payload: { name: 'Kopi Test' } }), 200);
    expectStatus(await call('PUT /api/settings/rates/{currency}', { params: { currency: 'EUR' }, payload: { rate: 17_500 } }), 200);
    expectStatus(await call('PUT /api/settings/rates/{currency}', { params: { currency: 'XYZ' }, payload: { rate: 1 } }), 400);
    expectStatus(await call('GET /api/settings/rates'), 200);
  }, 120_000);

  it('answers the segment and persona operations as documented', async () => {
    expectStatus(await call('GET /api/personas'), 200);
    expectStatus(await call('POST /api/personas/assign'), 400);
    const filter = { field: 'city', op: 'eq', value: 'Jakarta' };
    expectStatus(await call('GET /api/segments/fields'), 200);
    expectStatus(await call('POST /api/segments/preview', { payload: { filter, sample: 3 } }), 200);
    const created = await call('POST /api/segments', { payload: { name: 'Jakarta', filter } });
    expectStatus(created, 201);
    const segmentId = created.json().segment.segment_id;
    expectStatus(await call('POST /api/segments', { payload: { name: 'Jakarta', filter } }), 409);
    expectStatus(await call('POST /api/segments', { payload: { name: 'Broken', filter: { field: 'nothing', op: 'eq', value: 1 } } }), 400);
    expectStatus(await call('GET /api/segments'), 200);
    expectStatus(await call('POST /api/segments/refresh'), 200);
    expectStatus(await call('GET /api/segments/{segmentId}', { params: { segmentId } }), 200);
    expectStatus(await call('PATCH /api/segments/{segmentId}', { params: { segmentId }, payload: { description: 'Buyers in the capital', filter: { field: 'city', op: 'in', value: ['Jakarta', 'Bandung'] } } }), 200);
    expectStatus(await call('GET /api/segments/{segmentId}/members', { params: { segmentId }, query: { limit: 5 } }), 200);
    expectStatus(await call('POST /api/segments/{segmentId}/refresh', { params: { segmentId } }), 200);

    const discovered = await call('POST /api/personas/discover', { payload: { k: 2, seed: 1 } });
    expectStatus(discovered, 200);
    const personaId = discovered.json().personas[0].personaId;
    expectStatus(await call('GET /api/personas'), 200);
    expectStatus(await call('POST /api/personas/assign', { payload: {} }), 200);
    expectStatus(await call('GET /api/personas/{personaId}', { params: { personaId } }), 200);
    expectStatus(await call('PATCH /api/personas/{personaId}', { params: { personaId }, payload: { name: 'Regulars', isPinned: true } }), 200);
    expectStatus(await call('PATCH /api/personas/{personaId}', { params: { personaId: discovered.json().personas[1].personaId }, payload: { name: 'regulars' } }), 409);
    expectStatus(await call('GET /api/personas/{personaId}', { params: { personaId: 999_999 } }), 404);
    const members = await call('GET /api/personas/{personaId}/members', { params: { personaId }, query: { limit: 5 } });
    expectStatus(members, 200);
    // a customer with a persona, held to the document too
    expect((await call('GET /api/customers/{customerId}', { params: { customerId: members.json().items[0].customer_id } })).json().persona).toEqual({ persona_id: personaId, name: 'Regulars' });
    expectStatus(await call('GET /api/personas/{personaId}/members', { params: { personaId: 999_999 } }), 404);
    const periods = { before: { from: '2024-01-01', to: '2024-07-01' }, after: { from: '2024-07-01', to: '2025-01-01' } };
    expectStatus(await call('POST /api/drift', { payload: { group: { kind: 'segment', segment: segmentId }, ...periods } }), 200);
    expectStatus(await call('POST /api/drift', { payload: { group: { kind: 'persona', personaId: 999_999 }, ...periods } }), 404);
    expectStatus(await call('DELETE /api/segments/{segmentId}', { params: { segmentId } }), 204);
    expectStatus(await call('GET /api/segments/{segmentId}', { params: { segmentId } }), 404);
  }, 120_000);

  it('answers the account, staff, key and audit operations as documented', async () => {
    const other = await createTestUser(context.store, 'admin');
    expectStatus(await call('GET /api/health', { headers: {} }), 200);
    expectStatus(await call('POST /api/auth/login', { payload: { email: other.user.email, password: other.password }, headers: {} }), 200);
    expectStatus(await call('POST /api/auth/login', { payload: { email: other.user.email, password: 'wrong' }, headers: {} }), 401);
    expectStatus(await call('POST /api/auth/login', { payload: { email: 'x', password: 'y', extra: 1 }, headers: {} }), 400);
    expectStatus(await call('GET /api/auth/me'), 200);
    expectStatus(await call('GET /api/auth/me', { headers: {} }), 401);
    expectStatus(await call('PATCH /api/auth/me', { payload: { locale: 'en' } }), 200);
    expectStatus(await call('PATCH /api/auth/me', { payload: { locale: 'en' }, headers: owner.readHeaders }), 403);
    const session = (await openTestSession(context.store, other)).headers;
    expectStatus(await call('POST /api/auth/password', { payload: { currentPassword: other.password, newPassword: 'a much longer passphrase 42' }, headers: session }), 200);
    expectStatus(await call('POST /api/auth/logout', { headers: (await openTestSession(context.store, { ...other, password: 'a much longer passphrase 42' })).headers }), 200);

    expectStatus(await call('GET /api/users'), 200);
    const created = await call('POST /api/users', { payload: { email: 'dewi@example.com', name: 'Dewi', role: 'analyst' } });
    expectStatus(created, 201);
    expectStatus(await call('POST /api/users', { payload: { email: 'dewi@example.com', name: 'Dewi', role: 'analyst' } }), 409);
    expectStatus(await call('PATCH /api/users/{userId}', { params: { userId: created.json().user.userId }, payload: { role: 'marketer' } }), 200);
    expectStatus(await call('PATCH /api/users/{userId}', { params: { userId: 999_999 }, payload: { role: 'marketer' } }), 404);
    expectStatus(await call('POST /api/users/{userId}/reset-password', { params: { userId: created.json().user.userId } }), 200);
    expectStatus(await call('POST /api/users/{userId}/reset-password', { params: { userId: 999_999 } }), 404);
    const key = await call('POST /api/api-keys', { payload: { name: 'reader', scopes: ['read'] } });
    expectStatus(key, 201);
    expectStatus(await call('GET /api/customers', { headers: { authorization: `Bearer ${key.json().key}` } }), 200);
    expectStatus(await call('GET /api/audit', { headers: { authorization: `Bearer ${key.json().key}` } }), 403);
    expectStatus(await call('GET /api/api-keys'), 200);
    expectStatus(await call('DELETE /api/api-keys/{apiKeyId}', { params: { apiKeyId: key.json().apiKey.apiKeyId } }), 200);
    expectStatus(await call('DELETE /api/api-keys/{apiKeyId}', { params: { apiKeyId: 999_999 } }), 404);
    const audit = await call('GET /api/audit', { query: { limit: 2 } });
    expectStatus(audit, 200);
    expectStatus(await call('GET /api/audit', { query: { cursor: audit.json().nextCursor } }), 200);
  });

  describe('after every call above', () => {
    it('has called every documented operation', () => {
      const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
      expect(documented.filter((operation) => !seen.has(operation))).toEqual([]);
    });

    it('left out no field a handler sent', () => {
      expect(warnings.filter((line) => line.includes('Response fields left out'))).toEqual([]);
    });
  });
});

describe('the document validator', () => {
  const document: OpenApiDocument = { paths: {}, components: { schemas: { Item: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'], additionalProperties: false } } } };
  const list = { type: 'array', items: { $ref: '#/components/schemas/Item' } };

  it('refuses what the schema does not allow, and takes what it does', () => {
    expect(validateAgainst(list, [{ id: 1 }], document)).toEqual([]);
    expect(validateAgainst(list, [{ id: 1.5 }], document)).toEqual(['$[0].id: 1.5 is not of type integer']);
    expect(validateAgainst(list, [{}], document)).toEqual(['$[0].id: required but missing']);
    expect(validateAgainst(list, [{ id: 1, extra: true }], document)).toEqual(['$[0].extra: not in the schema']);
    expect(validateAgainst(list, null, document)).toEqual(['$: null is not allowed']);
    expect(validateAgainst({ type: 'string', nullable: true }, null, document)).toEqual([]);
    expect(validateAgainst({ type: 'string', not: {} }, 'a', document)).toEqual(['$: the validator does not know not']);
  });
});
