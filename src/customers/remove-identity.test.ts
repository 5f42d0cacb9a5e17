import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';

const clock = fixedClock('2025-01-01T00:00:00Z');

describeEachStore('removing a customer\'s identity over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let agent: TestSession;
  let analyst: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
    agent = await signInAs(context.store, 'agent');
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const create = async (payload: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload });
    expect(response.statusCode).toBe(201);
    return response.json().customer.customer_id as number;
  };
  const remove = (customerId: number, query: Record<string, string>, session = agent) =>
    app.inject({ method: 'DELETE', url: `/api/customers/${customerId}/identities`, query, headers: session.headers });
  const lookup = (query: Record<string, string>) => app.inject({ method: 'GET', url: '/api/customers/lookup', query, headers: analyst.readHeaders });

  it('removes a phone written as on add, clears the profile phone holding it, and audits it; an import no longer attaches to them', async () => {
    const customerId = await create({ name: 'Rina Phone', phone: '0812-3333-4444', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-9001' }] });
    const removed = await remove(customerId, { kind: 'phone', value: '+62 812 3333 4444' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ removed: { kind: 'phone', namespace: '', value: '+6281233334444' }, clearedField: 'phone', customer: { customer: { phone: null } } });
    expect(removed.json().customer.identities.map((identity: { kind: string }) => identity.kind)).toEqual(['external']);
    expect((await lookup({ kind: 'phone', value: '081233334444' })).statusCode).toBe(404);
    const search = await app.inject({ method: 'GET', url: '/api/customers', query: { q: '+6281233334444' }, headers: analyst.readHeaders });
    expect(search.json().items.map((item: { customer_id: number }) => item.customer_id)).not.toContain(customerId);
    const audit = await context.store.db.selectFrom('audit_event').select(['actor', 'detail']).where('action', '=', 'customer.identity.remove').where('entity_id', '=', String(customerId)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toContain(`user:${agent.user.userId}:`);
    expect(audit[0].detail).toMatchObject({ kind: 'phone', namespace: '', value: '+6281233334444', clearedField: 'phone', before: { phone: '+6281233334444' } });
    // the number is nobody's now: an order with it makes a new customer
    await ingestRecords(context.store.db, 'orders', [{ order_id: 'RP1', customer_phone: '081233334444', ordered_at: '2024-06-01T10:00:00+07:00', amount: '1000' }], { actor: 'test', clock });
    const order = await context.store.db.selectFrom('customer_order').select('customer_id').where('external_id', '=', 'RP1').executeTakeFirstOrThrow();
    expect(Number(order.customer_id)).not.toBe(customerId);
  });

  it('removes an external id by its namespace, leaving the profile as it was', async () => {
    const customerId = await create({ name: 'Budi Card', email: 'budi.card@example.com', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-7' }] });
    const wrongNamespace = await remove(customerId, { kind: 'external', namespace: 'web_account', value: 'LC-7' });
    expect({ status: wrongNamespace.statusCode, code: wrongNamespace.json().error.code }).toEqual({ status: 404, code: 'CUSTOMER_IDENTITY_NOT_FOUND' });
    const noNamespace = await remove(customerId, { kind: 'external', value: 'LC-7' });
    expect({ status: noNamespace.statusCode, code: noNamespace.json().error.code, field: noNamespace.json().error.field }).toEqual({ status: 400, code: 'CUSTOMER_IDENTITY_INVALID', field: 'namespace' });
    const removed = await remove(customerId, { kind: 'external', namespace: 'loyalty_card', value: ' LC-7 ' });
    expect(removed.json()).toMatchObject({ removed: { kind: 'external', namespace: 'loyalty_card', value: 'LC-7' }, clearedField: null, customer: { customer: { email: 'budi.card@example.com' } } });
    expect((await lookup({ kind: 'external', namespace: 'loyalty_card', value: 'LC-7' })).statusCode).toBe(404);
    // an email identity that is not the profile's email leaves the profile email alone
    await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: agent.headers, payload: { identities: [{ kind: 'email', value: 'budi.old@example.com' }] } });
    expect((await remove(customerId, { kind: 'email', value: 'Budi.Old@example.com' })).json()).toMatchObject({ clearedField: null, customer: { customer: { email: 'budi.card@example.com' } } });
  });

  it('removes an external id whatever the spelling of its system, and one stored under a spelling older versions kept', async () => {
    const customerId = await create({ name: 'Sari Card', identities: [{ kind: 'external', namespace: 'Loyalty Card', value: 'LC-8' }] });
    const removed = await remove(customerId, { kind: 'external', namespace: 'LOYALTY-CARD', value: 'LC-8' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ removed: { kind: 'external', namespace: 'loyalty_card', value: 'LC-8' } });
    // written before systems were normalised
    await context.store.db.insertInto('customer_identity').values({ customer_id: customerId, kind: 'external', namespace: 'LOYALTY_CARD', value: 'LC-9' }).execute();
    const older = await remove(customerId, { kind: 'external', namespace: 'LOYALTY_CARD', value: 'LC-9' });
    expect(older.statusCode).toBe(200);
    expect(older.json()).toMatchObject({ removed: { kind: 'external', namespace: 'LOYALTY_CARD', value: 'LC-9' } });
  });

  it('says when the customer does not have the identity, even when another customer does, and who may remove', async () => {
    const owner = await create({ name: 'Owner Of', email: 'owner.of@example.com' });
    const other = await create({ name: 'Other One', email: 'other.one@example.com' });
    const notTheirs = await remove(other, { kind: 'email', value: 'owner.of@example.com' });
    expect({ status: notTheirs.statusCode, code: notTheirs.json().error.code }).toEqual({ status: 404, code: 'CUSTOMER_IDENTITY_NOT_FOUND' });
    expect(notTheirs.json().error.message).toContain(`#${other}`);
    expect((await remove(999_999, { kind: 'email', value: 'owner.of@example.com' })).json().error.code).toBe('CUSTOMER_NOT_FOUND');
    expect((await remove(owner, { kind: 'email', value: 'owner.of@example.com' }, analyst)).statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'DELETE', url: `/api/customers/${owner}/identities`, query: { kind: 'email', value: 'owner.of@example.com' } });
    expect(anonymous.statusCode).toBe(401);
    expect((await lookup({ kind: 'email', value: 'owner.of@example.com' })).json().customer.customer_id).toBe(owner);
  });

  it('refuses an identity a merge not yet undone brought, so the undo still restores the merged customer, and removes it after the undo', async () => {
    const kept = await create({ name: 'Kept Kay', email: 'kept.kay@example.com' });
    const merged = await create({ name: 'Merged May', email: 'merged.may@example.com', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-MAY' }] });
    const merge = await app.inject({ method: 'POST', url: `/api/customers/${kept}/merge`, headers: admin.headers, payload: { otherCustomerId: merged } });
    const { mergeId } = merge.json();
    const refused = await remove(kept, { kind: 'external', namespace: 'loyalty_card', value: 'LC-MAY' }, admin);
    expect({ status: refused.statusCode, code: refused.json().error.code, details: refused.json().error.details }).toMatchObject({ status: 409, code: 'CUSTOMER_IDENTITY_MERGE_CONFLICT', details: { mergeId, mergedCustomerId: merged } });
    expect(refused.json().error.message).toContain(`Undo merge #${mergeId} first`);
    // the kept customer's own identities are theirs to remove
    expect((await remove(kept, { kind: 'email', value: 'kept.kay@example.com' })).statusCode).toBe(200);
    const undo = await app.inject({ method: 'POST', url: `/api/merges/${mergeId}/undo`, headers: admin.headers });
    expect(undo.statusCode).toBe(200);
    const restored = await remove(merged, { kind: 'external', namespace: 'loyalty_card', value: 'LC-MAY' });
    expect(restored.json()).toMatchObject({ removed: { value: 'LC-MAY' }, customer: { customer: { customer_id: merged } } });
  });
});
