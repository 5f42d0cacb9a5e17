import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { updateCustomer } from '../customers/customers.service.js';

// Anyone holding ingest:write (a marketer, a shop feed's ingest key) could replace a customer's recorded
// refusal with consentOverridesRefusals, and nothing recorded that the override was used.
describeEachStore('consentOverridesRefusals needs consent:override and is recorded', (context) => {
  let app: FastifyInstance;
  let ingestKey: AuthHeaders;
  let marketer: AuthHeaders;
  let admin: { headers: AuthHeaders; actor: string };
  let customerId: number;

  const send = (headers: AuthHeaders, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/ingest/customers', headers, payload });
  const consentEmail = async () => (await context.store.db.selectFrom('customer').select('consent_email').where('customer_id', '=', customerId).executeTakeFirstOrThrow()).consent_email;
  const counts = async () => {
    const { rows } = await sql<{ runs: number; customers: number; changes: number; overrides: number }>`
      select (select count(*) from import_run)::int as runs, (select count(*) from customer)::int as customers,
        (select count(*) from customer_consent_change)::int as changes, (select count(*) from audit_event where action = 'consent.override')::int as overrides`.execute(context.store.db);
    return rows[0];
  };
  const overrideEntries = async () => (await context.store.db.selectFrom('audit_event').select(['actor', 'entity', 'entity_id', 'detail'])
    .where('action', '=', 'consent.override').orderBy('audit_id').execute())
    .map((row) => ({ ...row, detail: typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail }));

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    ingestKey = (await createTestApiKey(context.store, ['ingest'], 'shop-feed')).headers;
    marketer = (await signInAs(context.store, 'marketer')).headers;
    const signedIn = await signInAs(context.store, 'admin');
    admin = { headers: signedIn.headers, actor: `user:${signedIn.user.userId}:${signedIn.user.email}` };
    const created = await send(ingestKey, { source: 'shop', records: [{ customer_id: 'R1', email: 'rita@example.com', consent_email: 'yes', consent_sms: 'yes' }] });
    expect(created.statusCode).toBe(200);
    customerId = Number((await context.store.db.selectFrom('customer').select('customer_id').where('email', '=', 'rita@example.com').executeTakeFirstOrThrow()).customer_id);
    await updateCustomer(context.store.db, customerId, { consentEmail: false, consentSms: false }, [], { actor: 'cli:staff' });
  });
  afterAll(async () => app?.close());

  // the known customer's refusals, and a customer the batch would create
  const overridingBatch = (newId: string) => ({ source: 'shop', consentOverridesRefusals: true, records: [
    { customer_id: 'R1', consent_email: 'yes', consent_sms: 'yes' },
    { customer_id: newId, email: `${newId.toLowerCase()}@example.com`, consent_email: 'yes' },
  ] });

  it('refuses a marketer: 403 naming the field and whom to ask, and the batch writes nothing', async () => {
    const before = await counts();
    const refused = await send(marketer, overridingBatch('N1'));
    expect(refused.statusCode).toBe(403);
    const { error } = refused.json();
    expect(error).toMatchObject({ code: 'AUTH_FORBIDDEN', field: 'consentOverridesRefusals', details: { permission: 'consent:override', roles: ['owner', 'admin'] } });
    expect(error.message).toContain('"consent:override"');
    expect(error.message).toContain('owners and admins');
    expect(error.message).toContain('Ask an owner or admin');
    expect(await counts()).toEqual(before);
    expect(await consentEmail()).toBe(false);
    // without the override, the same marketer imports, and the refusal stands
    const feed = await send(marketer, { ...overridingBatch('N1'), consentOverridesRefusals: undefined });
    expect(feed.statusCode).toBe(200);
    expect(feed.json()).toMatchObject({ consentRefusalsKept: 2, consentRefusalsOverridden: 0 });
    expect(await consentEmail()).toBe(false);
  });

  it('refuses an ingest key (a shop feed): 403 naming the field and the admin scope, and the batch writes nothing', async () => {
    const before = await counts();
    const refused = await send(ingestKey, overridingBatch('N2'));
    expect(refused.statusCode).toBe(403);
    const { error } = refused.json();
    expect(error).toMatchObject({ code: 'AUTH_FORBIDDEN', field: 'consentOverridesRefusals', details: { permission: 'consent:override', scopes: ['admin'] } });
    expect(error.message).toContain('scope "admin"');
    expect(await counts()).toEqual(before);
    expect(await consentEmail()).toBe(false);
  });

  it('lets an admin override, recorded on the run and in the audit log with counts only, in the batch\'s transaction', async () => {
    const before = await counts();
    const answer = await send(admin.headers, overridingBatch('N3'));
    expect(answer.statusCode).toBe(200);
    const { importId } = answer.json();
    expect(answer.json()).toMatchObject({ updated: 1, inserted: 1, consentRefusalsKept: 0, consentRefusalsOverridden: 2 });
    expect(await consentEmail()).toBe(true);

    const run = await app.inject({ method: 'GET', url: `/api/imports/${importId}`, headers: admin.headers });
    expect(run.json()).toMatchObject({ import_id: importId, consent_overrides_refusals: true });
    const listed = (await app.inject({ method: 'GET', url: '/api/imports?limit=200', headers: admin.headers })).json().items as Array<{ import_id: number; consent_overrides_refusals: boolean }>;
    expect(listed.filter((item) => item.consent_overrides_refusals).map((item) => item.import_id)).toEqual([importId]);

    expect((await counts()).overrides).toBe(before.overrides + 1);
    expect(await overrideEntries()).toEqual([{
      actor: admin.actor, entity: 'import_run', entity_id: String(importId), detail: { importId, records: 2, refusalsOverridden: 2 },
    }]);
  });

  it('marks an open run when a later batch of it overrides', async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers: admin.headers, payload: { entity: 'customers', fileName: 'crm.csv' } });
    expect(opened.statusCode).toBe(201);
    const importId = opened.json().import_id;
    expect(opened.json().consent_overrides_refusals).toBe(false);
    await updateCustomer(context.store.db, customerId, { consentEmail: false }, [], { actor: 'cli:staff' });
    // one row per customer in a file: the run's first batch names someone else
    const first = await send(admin.headers, { source: 'shop', importId, records: [{ customer_id: 'N4', email: 'n4@example.com', consent_email: 'yes' }] });
    expect(first.json()).toMatchObject({ inserted: 1, consentRefusalsOverridden: 0 });
    const read = async () => (await app.inject({ method: 'GET', url: `/api/imports/${importId}`, headers: admin.headers })).json().consent_overrides_refusals;
    expect(await read()).toBe(false);
    const second = await send(admin.headers, { source: 'shop', importId, consentOverridesRefusals: true, records: [{ customer_id: 'R1', consent_email: 'yes' }] });
    expect(second.json()).toMatchObject({ consentRefusalsKept: 0, consentRefusalsOverridden: 1 });
    expect(await read()).toBe(true);
    expect((await overrideEntries()).at(-1)).toEqual({ actor: admin.actor, entity: 'import_run', entity_id: String(importId), detail: { importId, records: 1, refusalsOverridden: 1 } });
  });
});
