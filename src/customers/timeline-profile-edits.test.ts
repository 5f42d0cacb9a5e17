import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';

type Entry = { at: string; kind: string; id: number; title: string; detail: Record<string, unknown> };

const clock = fixedClock('2025-01-01T00:00:00Z');

describeEachStore('profile edits and identity removals in the timeline', (context) => {
  let app: FastifyInstance;
  let agent: TestSession;
  let admin: TestSession;
  let analyst: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    agent = await signInAs(context.store, 'agent');
    admin = await signInAs(context.store, 'admin');
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const timeline = async (customerId: number, session: TestSession, query = '') => {
    const response = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/timeline${query}`, headers: session.readHeaders });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Entry[]; nextCursor: string | null };
  };

  it('shows each edit with the values before and after and who made it, and a removal, in time order among the orders', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Edit Ed', email: 'edit.a@example.com' } });
    const customerId = created.json().customer.customer_id as number;
    const patch = (payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: agent.headers, payload });
    const order = (id: string) => ingestRecords(context.store.db, 'orders', [{ order_id: id, customer_email: 'edit.a@example.com', ordered_at: '2024-06-01T10:00:00+07:00', amount: '1000' }], { actor: 'test', clock });
    // the order is dated last June, the edits now: edits sort above it
    await order('ED1');
    expect((await patch({ email: 'edit.b@example.com', city: 'Bandung' })).statusCode).toBe(200);
    // an update that changed no field shows the identity it added
    expect((await patch({ identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-ED' }] })).statusCode).toBe(200);
    expect((await patch({ city: 'Bandung' })).statusCode).toBe(200);
    const removed = await app.inject({ method: 'DELETE', url: `/api/customers/${customerId}/identities`, query: { kind: 'email', value: 'edit.b@example.com' }, headers: agent.headers });
    expect(removed.statusCode).toBe(200);

    const byUser = `user:${agent.user.userId}`;
    const seen = await timeline(customerId, analyst);
    expect(seen.items.map((item) => [item.kind, item.title])).toEqual([
      ['identity_removal', `email edit.b@example.com removed, email field cleared by ${byUser}`],
      ['identity_addition', `loyalty_card id LC-ED added by ${byUser}`],
      ['profile_change', `email changed from edit.a@example.com to edit.b@example.com; city changed from (empty) to Bandung by ${byUser}`],
      ['customer_creation', `customer created by user:${admin.user.userId}`],
      ['order', expect.stringContaining('ED1')],
    ]);
    const [removal, addition, edit] = seen.items;
    expect(addition.detail).toMatchObject({ fields: [], addedIdentities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-ED' }], by: byUser });
    expect(edit.detail).toMatchObject({ before: { email: 'edit.a@example.com', city: null }, after: { email: 'edit.b@example.com', city: 'Bandung' }, by: byUser });
    expect(removal.detail).toMatchObject({ kind: 'email', namespace: '', value: 'edit.b@example.com', clearedField: 'email', by: byUser });
    // staff emails only for those who may read the audit log
    expect(JSON.stringify(seen.items)).not.toContain(agent.user.email);
    const forAdmin = await timeline(customerId, admin);
    expect(forAdmin.items[2].detail.by).toBe(`${byUser}:${agent.user.email}`);

    // paged one entry at a time, the same story
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await timeline(customerId, analyst, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((item) => [item.kind, item.id, item.at])).toEqual(seen.items.map((item) => [item.kind, item.id, item.at]));
  });

  it('names the fields of an edit recorded before the audit kept its values, and shows no other customer\'s edits', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Old Edit' } });
    const customerId = created.json().customer.customer_id as number;
    const db = context.store.db;
    await db.insertInto('audit_event').values({ actor: 'cli:ops', action: 'customer.update', entity: 'customer', entity_id: String(customerId), detail: JSON.stringify({ fields: ['name', 'phone'] }) }).execute();
    await db.insertInto('audit_event').values({ actor: 'cli:ops', action: 'customer.update', entity: 'customer', entity_id: String(customerId + 1000), detail: JSON.stringify({ fields: ['name'] }) }).execute();
    const seen = await timeline(customerId, analyst);
    expect(seen.items.map((item) => [item.kind, item.title])).toEqual([
      ['profile_change', 'profile edited (name, phone) by cli:ops'], ['customer_creation', `customer created by user:${admin.user.userId}`],
    ]);
  });
});
