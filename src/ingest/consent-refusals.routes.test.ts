import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { updateCustomer } from '../customers/customers.service.js';

// An ingest key posting a customer with consent_email yes gave back a consent the customer had withdrawn.
describeEachStore('consent refusals against an ingest batch', (context) => {
  let app: FastifyInstance;
  let headers: AuthHeaders;
  let readHeaders: AuthHeaders;
  let adminHeaders: AuthHeaders;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    const key = await createTestApiKey(context.store, ['ingest'], 'consent-feed');
    headers = key.headers;
    readHeaders = (await createTestApiKey(context.store, ['read'], 'consent-reader')).headers;
    adminHeaders = (await createTestApiKey(context.store, ['admin'], 'consent-authority')).headers;
  });
  afterAll(async () => app?.close());

  const send = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/ingest/customers', headers, payload });
  const stored = async (customerId: number) => context.store.db.selectFrom('customer').select(['consent_email', 'consent_profiling']).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  const changes = async (customerId: number) => (await sql<{ kind: string; granted: boolean | null; source: string; import_run_id: string | number | null }>`
    select kind, granted, source, import_run_id from customer_consent_change where customer_id = ${customerId}::bigint order by changed_at, kind`.execute(context.store.db)).rows
    .map((row) => ({ ...row, import_run_id: row.import_run_id === null ? null : Number(row.import_run_id) }));

  it('keeps a refusal against a yes and counts it; consentOverridesRefusals lets the yes apply, recorded as ingest', async () => {
    const created = await send({ source: 'shop', records: [{ customer_id: 'C331', email: 'ana@example.com', consent_email: 'yes', consent_profiling: 'yes' }] });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ inserted: 1, consentRefusalsKept: 0 });
    const customerId = Number((await context.store.db.selectFrom('customer').select('customer_id').where('email', '=', 'ana@example.com').executeTakeFirstOrThrow()).customer_id);
    await updateCustomer(context.store.db, customerId, { consentEmail: false, consentProfiling: false }, [], { actor: 'cli:staff' });

    const feed = await send({ source: 'shop', records: [{ customer_id: 'C331', consent_email: 'yes', consent_profiling: 'no' }] });
    expect(feed.statusCode).toBe(200);
    expect(feed.json()).toMatchObject({ unchanged: 1, consentRefusalsKept: 1 });
    expect(await stored(customerId)).toEqual({ consent_email: false, consent_profiling: false });
    expect(await changes(customerId)).toHaveLength(4);

    // the override needs consent:override, which an admin key holds and an ingest key does not (consent-override-permission.routes.test.ts)
    const authority = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: adminHeaders, payload: { source: 'shop', consentOverridesRefusals: true, records: [{ customer_id: 'C331', consent_email: 'yes' }] } });
    expect(authority.statusCode).toBe(200);
    expect(authority.json()).toMatchObject({ updated: 1, consentRefusalsKept: 0 });
    expect(await stored(customerId)).toEqual({ consent_email: true, consent_profiling: false });
    expect((await changes(customerId)).slice(4)).toEqual([{ kind: 'email', granted: true, source: 'ingest', import_run_id: authority.json().importId }]);

    // a record's no withdraws, whatever the option
    const withdrawn = await send({ source: 'shop', records: [{ customer_id: 'C331', consent_email: 'no' }] });
    expect(withdrawn.json()).toMatchObject({ updated: 1, consentRefusalsKept: 0 });
    expect(await stored(customerId)).toEqual({ consent_email: false, consent_profiling: false });
    expect((await changes(customerId)).slice(5)).toEqual([{ kind: 'email', granted: false, source: 'ingest', import_run_id: withdrawn.json().importId }]);

    // the customer's answer says since when and through what each consent holds
    const shown = await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: readHeaders });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().consents).toEqual({
      email: { since: expect.any(String), source: 'ingest', import_run_id: withdrawn.json().importId },
      sms: { since: null, source: null, import_run_id: null },
      whatsapp: { since: null, source: null, import_run_id: null },
      profiling: { since: expect.any(String), source: 'staff', import_run_id: null },
    });
  });
});
