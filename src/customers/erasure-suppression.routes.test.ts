import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { buildApp } from '../server/app.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

describeEachStore('the erasure suppression list through the API', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  const db = () => context.store.db;
  const customerIdOf = async (email: string) => Number((await db().selectFrom('customer').select('customer_id').where('email', '=', email).executeTakeFirstOrThrow()).customer_id);
  const consentEmailOf = async (email: string) => (await db().selectFrom('customer').select('consent_email').where('email', '=', email).executeTakeFirstOrThrow()).consent_email;
  const feed = (email: string) => ingestRecords(db(), 'customers', [{ email, consent_email: 'yes' }], { actor: 'test', clock });

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  it('keeps an entry unless ?suppression=false, and an admin removes one by email', async () => {
    await feed('api.kept@example.com');
    await feed('api.skipped@example.com');
    const kept = await app.inject({ method: 'DELETE', url: `/api/customers/${await customerIdOf('api.kept@example.com')}`, headers: admin.headers });
    expect(kept.statusCode, kept.body).toBe(204);
    const skipped = await app.inject({ method: 'DELETE', url: `/api/customers/${await customerIdOf('api.skipped@example.com')}?suppression=false`, headers: admin.headers });
    expect(skipped.statusCode, skipped.body).toBe(204);
    const invalid = await app.inject({ method: 'DELETE', url: '/api/customers/1?suppression=maybe', headers: admin.headers });
    expect(invalid.statusCode).toBe(400);

    await feed('api.kept@example.com');
    await feed('api.skipped@example.com');
    expect(await consentEmailOf('api.kept@example.com')).toBe(false);
    expect(await consentEmailOf('api.skipped@example.com')).toBe(true);
    const detail = await app.inject({ method: 'GET', url: `/api/customers/${await customerIdOf('api.kept@example.com')}`, headers: admin.headers });
    expect(detail.json().consents.email).toMatchObject({ source: 'suppression' });

    const removal = (value: string) => app.inject({ method: 'POST', url: '/api/customers/erasure-suppression/remove', headers: admin.headers, payload: { kind: 'email', value } });
    expect((await removal('api.skipped@example.com')).json()).toMatchObject({ error: { code: 'ERASURE_SUPPRESSION_NOT_FOUND' } });
    const removed = await removal('API.Kept@example.com');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ kind: 'email', removed: true });
  });
});
