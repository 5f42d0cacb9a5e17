import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApiKey, signInAs, type TestApiKey, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { buildApp } from '../server/app.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

describeEachStore('the subject access export, asked for by a link on another site, and naming no one else', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;
  let admin: TestSession;
  let adminKey: TestApiKey;
  const db = () => context.store.db;
  const customerIdOf = async (email: string) => Number((await db().selectFrom('customer').select('customer_id').where('email', '=', email).executeTakeFirstOrThrow()).customer_id);
  const exportsOf = async (customerId: number) => (await db().selectFrom('audit_event').select('audit_id')
    .where('action', '=', 'customer.export').where('entity_id', '=', String(customerId)).execute()).length;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    owner = await signInAs(context.store, 'owner');
    admin = await signInAs(context.store, 'admin');
    adminKey = await createTestApiKey(context.store, ['admin'], 'Warehouse Sync of Budi Santoso');
  });
  afterAll(async () => app?.close());

  it('refuses a signed-in browser without the X-CSRF-Token (GET and HEAD), exports nothing and audits nothing', async () => {
    await ingestRecords(db(), 'customers', [{ customer_id: 'CS1', email: 'csrf.export@example.com', name: 'Citra Csrf' }], { actor: 'test', clock });
    const customerId = await customerIdOf('csrf.export@example.com');
    const url = `/api/customers/${customerId}/export`;
    for (const method of ['GET', 'HEAD'] as const) {
      // what a link on another site sends: the Lax cookie rides along a top-level GET, no header can be added
      const bare = await app.inject({ method, url, headers: { ...owner.readHeaders, 'sec-fetch-site': 'cross-site' } });
      expect(bare.statusCode, method).toBe(403);
      if (method === 'GET') {
        expect(bare.json().error.code).toBe('AUTH_CSRF_INVALID');
        expect(bare.body).not.toContain('csrf.export@example.com');
      }
      const wrong = await app.inject({ method, url, headers: { ...owner.readHeaders, 'x-csrf-token': `${owner.csrfToken}x` } });
      expect(wrong.statusCode, method).toBe(403);
    }
    expect(await exportsOf(customerId)).toBe(0);

    // the web app sends its token, as with a write
    const withToken = await app.inject({ method: 'GET', url, headers: owner.headers });
    expect(withToken.statusCode, withToken.body).toBe(200);
    expect(withToken.json().profile).toMatchObject({ email: 'csrf.export@example.com' });
    expect(await exportsOf(customerId)).toBe(1);

    // an API key is sent by no browser on its own: it needs no token
    const byKey = await app.inject({ method: 'GET', url, headers: adminKey.headers });
    expect(byKey.statusCode, byKey.body).toBe(200);
    expect(await exportsOf(customerId)).toBe(2);
  }, 120_000);

  it('answers HEAD without reading or auditing anything, 404 for no such customer', async () => {
    await ingestRecords(db(), 'customers', [{ customer_id: 'HD1', email: 'head.export@example.com' }], { actor: 'test', clock });
    const customerId = await customerIdOf('head.export@example.com');
    for (const headers of [owner.headers, adminKey.headers]) {
      const head = await app.inject({ method: 'HEAD', url: `/api/customers/${customerId}/export`, headers });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
      expect((await app.inject({ method: 'HEAD', url: '/api/customers/999999999/export', headers })).statusCode).toBe(404);
    }
    expect(await exportsOf(customerId)).toBe(0);
  }, 120_000);

  it('names whoever acted by kind and role, never by email, user id or key name, and keeps a gift\'s buyer out', async () => {
    await ingestRecords(db(), 'customers', [
      { customer_id: 'TP1', email: 'dewi.subject@example.com', name: 'Dewi Subject', consent_email: 'no' },
      { customer_id: 'TP2', email: 'dewi.second@example.com', name: 'Dewi Second' },
      { customer_id: 'TP3', email: 'bima.buyer@example.com', name: 'Bima Buyer' },
    ], { actor: 'test', clock });
    await ingestRecords(db(), 'orders', [
      { order_id: 'TP-GIFT-1', customer_email: 'bima.buyer@example.com', ordered_at: '2025-05-01T10:00:00Z', amount: '45000', recipient_email: 'dewi.subject@example.com' },
    ], { actor: 'test', clock });
    const subject = await customerIdOf('dewi.subject@example.com');
    const second = await customerIdOf('dewi.second@example.com');
    const buyer = await customerIdOf('bima.buyer@example.com');
    const url = `/api/customers/${subject}`;

    // an admin edits a field and a consent, a key edits another, the admin merges their second record
    const edit = await app.inject({ method: 'PATCH', url, headers: admin.headers, payload: { city: 'Bandung', consentEmail: true } });
    expect(edit.statusCode, edit.body).toBe(200);
    const byKey = await app.inject({ method: 'PATCH', url, headers: adminKey.headers, payload: { name: 'Dewi Subjek' } });
    expect(byKey.statusCode, byKey.body).toBe(200);
    const merge = await app.inject({ method: 'POST', url: `${url}/merge`, headers: admin.headers, payload: { otherCustomerId: second } });
    expect(merge.statusCode, merge.body).toBe(200);
    // an alert about them acknowledged by the admin
    await sql`insert into alert (kind, metric, scope, granularity, customer_id, window_start, window_end, expected, actual, change_pct, explanation, acknowledged_at, acknowledged_by)
      values ('customer_overdue', 'days_since_last_purchase', ${`customer:${subject}`}, 'customer', ${subject}::bigint, date '2026-01-01', date '2026-01-01', 30, 60, 100,
        '{}'::jsonb, now(), ${`user:${admin.user.userId}:${admin.user.email}`})`.execute(db());

    // the owner may read the audit log, and staff emails in it: the document is the same for anyone
    const response = await app.inject({ method: 'GET', url: `${url}/export`, headers: owner.headers });
    expect(response.statusCode, response.body).toBe(200);
    const text = response.body;
    for (const third of [admin.user.email, owner.user.email, 'Warehouse Sync of Budi Santoso', `user:${admin.user.userId}`, `api-key:${adminKey.apiKeyId}`, 'bima.buyer@example.com', 'Bima Buyer']) {
      expect(text, third).not.toContain(third);
    }
    const document = response.json();

    const actorsOf = (action: string) => document.auditEntries.filter((entry: { action: string }) => entry.action === action).map((entry: { actor: string }) => entry.actor);
    expect(actorsOf('customer.update')).toEqual(['staff (admin)', 'API key']);
    expect(actorsOf('customer.merge')).toEqual(['staff (admin)']);
    // dates and actions stay
    expect(document.auditEntries.every((entry: { occurred_at: unknown; action: unknown }) => typeof entry.occurred_at === 'string' && typeof entry.action === 'string')).toBe(true);

    const emailConsent = document.consents.history.find((change: { kind: string; source: string }) => change.kind === 'email' && change.source === 'staff');
    expect(emailConsent).toMatchObject({ granted: true, actor: 'staff (admin)', changed_at: expect.any(String) });
    expect(document.consents.history.filter((change: { source: string }) => change.source !== 'staff' && change.source !== 'merge').map((change: { actor: string }) => change.actor)).toEqual(['import']);
    expect(document.merges).toEqual([expect.objectContaining({ kept_customer_id: subject, merged_customer_id: second, merged_by: 'staff (admin)', undone_by: null })]);
    expect(document.alerts).toEqual([expect.objectContaining({ acknowledged_by: 'staff (admin)' })]);

    const edits = document.timeline.filter((entry: { kind: string }) => entry.kind === 'profile_change');
    expect(edits.map((entry: { detail: { by: string } }) => entry.detail.by).sort()).toEqual(['API key', 'staff (admin)']);
    expect(edits.every((entry: { title: string; detail: { by: string } }) => entry.title.endsWith(` by ${entry.detail.by}`))).toBe(true);
    expect(document.timeline.find((entry: { kind: string }) => entry.kind === 'merge').detail.by).toBe('staff (admin)');

    // the gift is theirs; who bought it is not
    const gift = document.timeline.find((entry: { kind: string; detail: { asRecipient?: boolean } }) => entry.kind === 'order' && entry.detail.asRecipient === true);
    expect(gift.detail).toMatchObject({ externalId: 'TP-GIFT-1' });
    expect(gift.detail).not.toHaveProperty('buyerCustomerId');
    expect(JSON.stringify(document.giftsReceived)).not.toContain(`"customer_id":${buyer}`);
    expect(JSON.stringify(document.timeline)).not.toContain(`"buyerCustomerId"`);
  }, 120_000);
});
