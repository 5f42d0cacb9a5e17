import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { startAdminApp } from '../../test/helpers/admin-app.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from './app.js';

// A signed-in caller refused (403) left no trace: a staff member or key probing what it may not do was invisible.
describeEachStore('refused requests in the audit log', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let owner: TestSession;
  let customerId: number;

  beforeAll(async () => {
    ({ app, admin, customerId } = await startAdminApp(context.store, 'Rina'));
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => app?.close());

  const refusalsBy = async (actor: string) => (await context.store.db.selectFrom('audit_event').selectAll().where('action', '=', 'access.refused').where('actor', '=', actor).orderBy('audit_id').execute())
    .map((row) => ({ entity: row.entity, entityId: row.entity_id, detail: row.detail }));

  it('records a staff member refused a permission once, by route pattern, folding repeats within the minute into a count; the answer is unchanged', async () => {
    const agent = await signInAs(context.store, 'agent');
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await app.inject({ method: 'DELETE', url: `/api/customers/${customerId}?reason=${attempt}`, headers: agent.headers });
      answers.push({ status: response.statusCode, body: response.json() });
    }
    expect(answers[0]).toEqual({ status: 403, body: { error: {
      code: 'AUTH_FORBIDDEN',
      message: 'This needs the "customers:merge" permission (for merging customers, undoing merges and deleting customers), which owners and admins have and your role "agent" does not; ask one of them.',
      details: { permission: 'customers:merge', roles: ['owner', 'admin'] },
    } } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const refusals = await refusalsBy(`user:${agent.user.userId}:${agent.user.email}`);
    expect(refusals).toEqual([{
      entity: 'DELETE /api/customers/:customerId',
      entityId: null,
      detail: { permission: 'customers:merge', code: 'AUTH_FORBIDDEN', method: 'DELETE', route: '/api/customers/:customerId', count: 3 },
    }]);
    // never the URL sent: no id, no query
    expect(JSON.stringify(refusals)).not.toContain(String(customerId));
    expect(JSON.stringify(refusals)).not.toContain('reason');
    // another route is an entry of its own
    await app.inject({ method: 'PATCH', url: '/api/analytics/policy', headers: agent.headers, payload: { newWithinDays: 40 } });
    expect((await refusalsBy(`user:${agent.user.userId}:${agent.user.email}`)).map((refusal) => refusal.entity)).toEqual(['DELETE /api/customers/:customerId', 'PATCH /api/analytics/policy']);
  });

  it('records an API key refused a permission, and one whose scope is suspended', async () => {
    const key = await createTestApiKey(context.store, ['read'], 'refused-reader');
    const refused = await app.inject({ method: 'DELETE', url: `/api/customers/${customerId}`, headers: key.headers });
    expect(refused.statusCode).toBe(403);
    expect(await refusalsBy(`api-key:${key.apiKeyId}:refused-reader`)).toEqual([{
      entity: 'DELETE /api/customers/:customerId',
      entityId: null,
      detail: { permission: 'customers:merge', code: 'AUTH_FORBIDDEN', method: 'DELETE', route: '/api/customers/:customerId', count: 1 },
    }]);

    const demoted = await signInAs(context.store, 'admin');
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: demoted.headers, payload: { name: 'feed-of-demoted', scopes: ['ingest'] } });
    expect(created.statusCode, created.body).toBe(201);
    const { key: secret, apiKey } = created.json() as { key: string; apiKey: { apiKeyId: number } };
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${demoted.user.userId}`, headers: owner.headers, payload: { role: 'agent' } })).statusCode).toBe(200);
    const suspended = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: { authorization: `Bearer ${secret}` }, payload: { records: [{ order_id: 'x' }] } });
    expect(suspended.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN', details: { suspendedScopes: ['ingest'] } });
    expect(await refusalsBy(`api-key:${apiKey.apiKeyId}:feed-of-demoted`)).toEqual([{
      entity: 'POST /api/ingest/:entity',
      entityId: null,
      detail: { permission: 'ingest:write', code: 'AUTH_FORBIDDEN', method: 'POST', route: '/api/ingest/:entity', count: 1 },
    }]);
  });

  it('records a route\'s own refusal (consent:override) and a signed-in write without its CSRF token, not an anonymous caller', async () => {
    const marketer = await signInAs(context.store, 'marketer');
    const override = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: marketer.headers, payload: { records: [{ email: 'a@b.id', consent_email: 'yes' }], consentOverridesRefusals: true } });
    expect(override.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN', field: 'consentOverridesRefusals' });
    const noToken = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: marketer.readHeaders, payload: { name: 'Rina S.' } });
    expect(noToken.json().error.code).toBe('AUTH_CSRF_INVALID');
    expect(await refusalsBy(`user:${marketer.user.userId}:${marketer.user.email}`)).toEqual([
      { entity: 'POST /api/ingest/:entity', entityId: null, detail: { permission: 'consent:override', code: 'AUTH_FORBIDDEN', method: 'POST', route: '/api/ingest/:entity', count: 1 } },
      { entity: 'PATCH /api/customers/:customerId', entityId: null, detail: { permission: 'customers:write', code: 'AUTH_CSRF_INVALID', method: 'PATCH', route: '/api/customers/:customerId', count: 1 } },
    ]);

    const before = await context.store.db.selectFrom('audit_event').select('audit_id').where('action', '=', 'access.refused').execute();
    const anonymous = await app.inject({ method: 'DELETE', url: `/api/customers/${customerId}` });
    expect(anonymous.statusCode).toBe(401);
    const after = await context.store.db.selectFrom('audit_event').select('audit_id').where('action', '=', 'access.refused').execute();
    expect(after).toEqual(before);
  });

  it('keeps the entry of a refusal raised inside a route\'s transaction, which rolls back', async () => {
    const alert = await sql<{ alert_id: string }>`
      insert into alert (kind, metric, scope, granularity, window_start, window_end, expected, actual, change_pct, explanation)
      values ('metric_drop', 'revenue', 'all', 'day', '2024-12-30', '2024-12-31', 100, 40, -60, '{}'::jsonb) returning alert_id`.execute(context.store.db);
    const agent = await signInAs(context.store, 'agent');
    const refused = await app.inject({ method: 'POST', url: `/api/alerts/${alert.rows[0]!.alert_id}/acknowledge`, headers: agent.headers });
    expect(refused.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN', details: { permission: 'analytics:write' } });
    expect(await refusalsBy(`user:${agent.user.userId}:${agent.user.email}`)).toEqual([
      { entity: 'POST /api/alerts/:alertId/acknowledge', entityId: null, detail: { permission: 'analytics:write', code: 'AUTH_FORBIDDEN', method: 'POST', route: '/api/alerts/:alertId/acknowledge', count: 1 } },
    ]);
    // the app still answers: the refusal's entry did not wait on a connection the route held
    expect((await app.inject({ method: 'GET', url: '/api/alerts', headers: agent.readHeaders })).statusCode).toBe(200);
  });

  it('is found by the audit log\'s action filter', async () => {
    const analyst = await signInAs(context.store, 'analyst');
    await app.inject({ method: 'POST', url: '/api/segments', headers: analyst.headers, payload: { name: 'x', filter: { field: 'city', op: 'eq', value: 'x' } } });
    const page = await app.inject({ method: 'GET', url: '/api/audit?action=access.refused&limit=200', headers: owner.readHeaders });
    expect(page.statusCode, page.body).toBe(200);
    const items = page.json().items as Array<{ action: string; actor: string; entity: string; detail: { permission: string } }>;
    expect(items.every((item) => item.action === 'access.refused')).toBe(true);
    expect(items.find((item) => item.actor.startsWith(`user:${analyst.user.userId}:`))).toMatchObject({ entity: 'POST /api/segments', detail: { permission: 'analytics:write' } });
  });

  it('starts a new entry once the minute is over', async () => {
    let now = Date.parse('2025-02-01T10:00:00Z');
    const clocked = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date(now) } });
    try {
      const agent = await signInAs(context.store, 'agent');
      const remove = () => clocked.inject({ method: 'DELETE', url: `/api/customers/${customerId}`, headers: agent.headers });
      await remove();
      now += 59_000;
      await remove();
      now += 2_000;
      await remove();
      await remove();
      expect((await refusalsBy(`user:${agent.user.userId}:${agent.user.email}`)).map((refusal) => (refusal.detail as { count: number }).count)).toEqual([2, 2]);
    } finally {
      await clocked.close();
    }
  });
});
