import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import type { AppError } from '../core/errors.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { buildApp } from '../server/app.js';
import { createCustomer, deleteCustomer, updateCustomer } from './customers.service.js';
import { lookupCustomer } from './customers.queries.js';
import { listMerges, mergeCustomers, undoMerge } from './merge.service.js';
import { customerTimeline } from './timeline.js';

const clock = fixedClock('2024-06-30T12:00:00Z');

/**
 * Three people, each with an email; X and Y with orders (line-level), Y with
 * interest events and a gift bought for them by X, and profile fields that a
 * merge into X fills in. S is a stub, known only from the email on one order.
 */
async function seedPeople(db: Kysely<Database>, tag: string) {
  const email = (who: string) => `${tag}.${who}@example.com`;
  const x = await createCustomer(db, { name: `${tag} X`, email: email('x') });
  const y = await createCustomer(db, { email: email('y'), city: 'Bandung', birthYear: 1990 }, [{ kind: 'external', namespace: 'loyalty_card', value: `${tag}-Y` }]);
  const z = await createCustomer(db, { name: `${tag} Z`, email: email('z') });
  const line = (order: string, who: string, lineNo: number, extra: Record<string, string> = {}) => ({
    order_id: `${tag}-${order}`, customer_email: email(who), ordered_at: '2024-06-01T10:00:00+07:00', channel: 'web',
    sku: `SKU-${lineNo}`, product_name: `Product ${lineNo}`, category: lineNo === 1 ? 'tea' : 'cups', quantity: '2', unit_price: '10000', line_no: String(lineNo), ...extra,
  });
  await ingestRecords(db, 'orders', [
    line('X1', 'x', 1), line('X1', 'x', 2),
    line('Y1', 'y', 1), line('Y1', 'y', 2),
    { ...line('Y2', 'y', 1), ordered_at: '2024-06-12T10:00:00+07:00' },
    { ...line('GIFT', 'x', 1), recipient_email: email('y') },
    line('S1', 's', 1),
  ], { actor: 'test', clock });
  await ingestRecords(db, 'events', [
    { event_id: `${tag}-E1`, customer_email: email('y'), kind: 'signup', channel: 'web', occurred_at: '2024-05-01T09:00:00+07:00' },
    { event_id: `${tag}-E2`, customer_email: email('y'), kind: 'cart', channel: 'mobile', occurred_at: '2024-05-02T09:00:00+07:00' },
  ], { actor: 'test', clock });
  const s = await lookupCustomer(db, { kind: 'email', value: email('s') });
  return { x, y, z, s, email };
}

/** Everything a merge or its undo may touch for these customers, in a comparable form. */
async function snapshot(db: Kysely<Database>, customerIds: number[], tag: string) {
  const customers = await db.selectFrom('customer')
    .select(['customer_id', 'name', 'email', 'phone', 'birth_year', 'city', 'country', 'consent_email', 'consent_sms', 'consent_profiling', 'is_stub', 'merged_into_customer_id'])
    .where('customer_id', 'in', customerIds).orderBy('customer_id').execute();
  const identities = await db.selectFrom('customer_identity').select(['kind', 'namespace', 'value', 'customer_id'])
    .where('value', 'like', `%${tag}%`).orderBy('kind').orderBy('value').execute();
  const orders = await db.selectFrom('customer_order').select(['order_id', 'external_id', 'customer_id', 'recipient_customer_id', 'amount_minor'])
    .where('external_id', 'like', `${tag}-%`).orderBy('order_id').execute();
  const lines = await db.selectFrom('order_line').innerJoin('customer_order', (join) => join.onRef('customer_order.order_id', '=', 'order_line.order_id'))
    .select(['order_line.customer_id', 'order_line.order_id', 'order_line.line_no', 'order_line.sku', 'order_line.quantity'])
    .where('customer_order.external_id', 'like', `${tag}-%`).orderBy('order_line.order_id').orderBy('order_line.line_no').execute();
  const events = await db.selectFrom('interest_event').select(['event_id', 'customer_id', 'kind'])
    .where('external_id', 'like', `${tag}-%`).orderBy('event_id').execute();
  const traits = await db.selectFrom('customer_trait').selectAll().where('customer_id', 'in', customerIds).orderBy('customer_id').execute();
  const purchaseDays = await db.selectFrom('customer_purchase_day').selectAll().where('customer_id', 'in', customerIds).orderBy('customer_id').orderBy('day').execute();
  const categories = await db.selectFrom('customer_category').selectAll().where('customer_id', 'in', customerIds).orderBy('customer_id').orderBy('category').execute();
  const merges = await db.selectFrom('customer_merge').select(['merge_id', 'kept_customer_id', 'merged_customer_id', 'undone_at'])
    .where((eb) => eb.or([eb('kept_customer_id', 'in', customerIds), eb('merged_customer_id', 'in', customerIds)])).orderBy('merge_id').execute();
  const audit = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return {
    customers, identities, orders, lines, events, purchaseDays, categories, merges, auditCount: Number(audit.count),
    traits: traits.map(({ updated_at: _updatedAt, ...facts }) => facts),
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!error) throw new Error('expected the undo to be refused');
  return error as AppError;
}

describeEachStore('merging customers and undoing merges', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => app?.close());

  it('restores identities, orders, lines, events, gifts, facts and profile exactly as before the merge', async () => {
    const db = context.store.db;
    const { x, y, s } = await seedPeople(db, 'plain');
    const before = await snapshot(db, [x, y, s], 'plain');
    expect(before.identities.filter((identity) => identity.customer_id === y)).toHaveLength(2);
    expect(before.orders.find((order) => order.external_id === 'plain-GIFT')?.recipient_customer_id).toBe(y);
    expect(before.customers.find((customer) => customer.customer_id === s)?.is_stub).toBe(true);

    const { mergeId } = await mergeCustomers(db, s, y, 'test');
    const merged = await snapshot(db, [x, y, s], 'plain');
    expect(merged.identities.every((identity) => identity.customer_id !== y)).toBe(true);
    expect(merged.orders.every((order) => order.customer_id !== y && order.recipient_customer_id !== y)).toBe(true);
    expect(merged.customers.find((customer) => customer.customer_id === s)).toMatchObject({ city: 'Bandung', birth_year: 1990, is_stub: false });

    await undoMerge(db, mergeId, 'test');
    const after = await snapshot(db, [x, y, s], 'plain');
    expect({ ...after, merges: [], auditCount: 0 }).toEqual({ ...before, merges: [], auditCount: 0 });
    expect(after.merges.find((merge) => merge.merge_id === mergeId)?.undone_at).not.toBeNull();
    const audit = await db.selectFrom('audit_event').select(['action', 'detail']).where('action', '=', 'customer.merge.undo').execute();
    expect(audit.map((row) => row.detail)).toContainEqual(expect.objectContaining({ mergeId, restoredCustomerId: y }));
  });

  it('keeps edits made to the kept customer after the merge, and reverts only what the merge filled in or lowered', async () => {
    const db = context.store.db;
    const { x, y } = await seedPeople(db, 'edited');
    await updateCustomer(db, x, { consentEmail: true, consentSms: true });
    await updateCustomer(db, y, { consentEmail: false, consentSms: false });
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    expect(await db.selectFrom('customer').selectAll().where('customer_id', '=', x).executeTakeFirstOrThrow()).toMatchObject({ consent_email: false, consent_sms: false });
    await updateCustomer(db, x, { name: 'Edited X', birthYear: 1985, consentSms: null });
    await undoMerge(db, mergeId, 'test');
    const kept = await db.selectFrom('customer').selectAll().where('customer_id', '=', x).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ name: 'Edited X', birth_year: 1985, city: null, consent_email: true, consent_sms: null });
    const restored = await db.selectFrom('customer').selectAll().where('customer_id', '=', y).executeTakeFirstOrThrow();
    expect(restored).toMatchObject({ consent_email: false, consent_sms: false, merged_into_customer_id: null });
  });

  it('refuses to undo a merge whose kept customer was deleted, and changes nothing', async () => {
    const db = context.store.db;
    const { x, y, email } = await seedPeople(db, 'deleted');
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    await deleteCustomer(db, x);
    const before = await snapshot(db, [x, y], 'deleted');
    // the merged customer's row held only the profile of the person just deleted
    expect(before.customers).toEqual([]);

    const error = await refusal(undoMerge(db, mergeId, 'test'));
    expect(error).toMatchObject({ code: 'CUSTOMER_MERGE_UNDO_CONFLICT', details: { reason: 'kept_customer_deleted', mergeId } });
    expect(error.message).toMatch(new RegExp(`customer #${x}.*was deleted`));
    expect(await snapshot(db, [x, y], 'deleted')).toEqual(before);
    await expect(lookupCustomer(db, { kind: 'email', value: email('y') })).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
  });

  it('refuses to undo a merge whose kept customer was merged again, until the later merge is undone', async () => {
    const db = context.store.db;
    const { x, y, z, email } = await seedPeople(db, 'chain');
    const before = await snapshot(db, [x, y, z], 'chain');
    const first = await mergeCustomers(db, x, y, 'test');
    const second = await mergeCustomers(db, z, x, 'test');
    const chained = await snapshot(db, [x, y, z], 'chain');

    const error = await refusal(undoMerge(db, first.mergeId, 'test'));
    expect(error).toMatchObject({ code: 'CUSTOMER_MERGE_UNDO_CONFLICT', details: { reason: 'kept_customer_merged', mergeId: first.mergeId, blockingMergeId: second.mergeId } });
    expect(error.message).toContain(`Undo merge #${second.mergeId} first`);
    expect(await snapshot(db, [x, y, z], 'chain')).toEqual(chained);
    for (const who of ['x', 'y', 'z']) expect(await lookupCustomer(db, { kind: 'email', value: email(who) })).toBe(z);

    await undoMerge(db, second.mergeId, 'test');
    await undoMerge(db, first.mergeId, 'test');
    const after = await snapshot(db, [x, y, z], 'chain');
    expect({ ...after, merges: [], auditCount: 0 }).toEqual({ ...before, merges: [], auditCount: 0 });
  });

  it('refuses to undo a merge when something it moved is no longer with the kept customer', async () => {
    const db = context.store.db;
    const { x, y, z } = await seedPeople(db, 'vanished');
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    // no code removes a single event today; a future one must not make undo lose data silently
    await db.deleteFrom('interest_event').where('external_id', '=', 'vanished-E1').execute();
    const before = await snapshot(db, [x, y, z], 'vanished');
    const error = await refusal(undoMerge(db, mergeId, 'test'));
    expect(error).toMatchObject({ code: 'CUSTOMER_MERGE_UNDO_CONFLICT', details: { reason: 'moved_facts_missing', missing: { identities: 0, orders: 0, events: 1 } } });
    expect(await snapshot(db, [x, y, z], 'vanished')).toEqual(before);
  });

  it('answers 409 over HTTP for a refused undo and 404 for the merges of a customer who does not exist', async () => {
    const db = context.store.db;
    const { x, y } = await seedPeople(db, 'http');
    const merged = await app.inject({ method: 'POST', url: `/api/customers/${x}/merge`, headers: owner.headers, payload: { otherCustomerId: y } });
    const { mergeId } = merged.json() as { mergeId: number };
    expect((await app.inject({ method: 'DELETE', url: `/api/customers/${x}`, headers: owner.headers })).statusCode).toBe(204);
    const undo = await app.inject({ method: 'POST', url: `/api/merges/${mergeId}/undo`, headers: owner.headers });
    expect(undo.statusCode).toBe(409);
    expect(undo.json().error).toMatchObject({ code: 'CUSTOMER_MERGE_UNDO_CONFLICT', details: { reason: 'kept_customer_deleted' } });

    const missing = await app.inject({ method: 'GET', url: '/api/customers/999999999/merges', headers: owner.readHeaders });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('names the customer of a merge request who does not exist or was merged away', async () => {
    const db = context.store.db;
    const { x, y, z } = await seedPeople(db, 'named');
    await mergeCustomers(db, x, y, 'test');
    const merge = (keptId: number, otherCustomerId: number) => app.inject({ method: 'POST', url: `/api/customers/${keptId}/merge`, headers: owner.headers, payload: { otherCustomerId } });
    const mergedAway = await merge(z, y);
    expect(mergedAway.statusCode).toBe(404);
    expect(mergedAway.json().error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', field: 'otherCustomerId' });
    expect(mergedAway.json().error.message).toContain(`Customer #${y}`);
    const keptMissing = await merge(y, z);
    expect(keptMissing.statusCode).toBe(404);
    expect(keptMissing.json().error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', field: 'customerId' });
    expect(await db.selectFrom('customer').select('merged_into_customer_id').where('customer_id', '=', z).executeTakeFirstOrThrow()).toEqual({ merged_into_customer_id: null });
  });

  it('moves back the orders that came after the merge through the restored customer\'s identities, and only those', async () => {
    const db = context.store.db;
    const { x, y, email } = await seedPeople(db, 'later');
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    const laterOrder = (order: string, who: string, value = email(who)) => ({ order_id: `later-${order}`, customer_email: value, ordered_at: '2024-06-20T10:00:00+07:00', channel: 'web', amount: '40000' });
    // through Y's email (as typed by another till), and through X's own email
    await ingestRecords(db, 'orders', [laterOrder('Y3', 'y', email('y').toUpperCase()), laterOrder('X3', 'x')], { actor: 'test', clock });
    const ownerOf = async (externalId: string) => (await db.selectFrom('customer_order').select('customer_id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).customer_id;
    expect(await ownerOf('later-Y3')).toBe(x);

    const undone = await undoMerge(db, mergeId, 'test');
    expect(undone).toEqual({ undone: true, mergeId, keptCustomerId: x, restoredCustomerId: y, ordersMovedBack: 3, eventsMovedBack: 2, giftsMovedBack: 1 });
    expect(await ownerOf('later-Y3')).toBe(y);
    expect(await ownerOf('later-X3')).toBe(x);
    const traits = await db.selectFrom('customer_trait').select(['customer_id', 'order_count', 'revenue_minor']).where('customer_id', 'in', [x, y]).orderBy('customer_id').execute();
    expect(traits).toEqual([
      { customer_id: x, order_count: 3, revenue_minor: expect.anything() },
      { customer_id: y, order_count: 3, revenue_minor: expect.anything() },
    ]);
    const days = await db.selectFrom('customer_purchase_day').select(['customer_id', 'day']).where('customer_id', '=', y).orderBy('day').execute();
    expect(days.map((row) => String(row.day))).toHaveLength(3);

    // the file that brought the order is accepted again, unchanged
    const again = await ingestRecords(db, 'orders', [laterOrder('Y3', 'y')], { actor: 'test', clock });
    expect(again).toMatchObject({ unchanged: 1, rejected: 0 });
  });

  it('moves back the interest events and gifts that came after the merge through the restored customer\'s identities, and only those', async () => {
    const db = context.store.db;
    const { x, y, email } = await seedPeople(db, 'later-events');
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    const event = (id: string, who: string) => ({ event_id: `later-events-${id}`, customer_email: email(who), kind: 'inquiry', channel: 'phone', occurred_at: '2024-06-21T09:00:00+07:00' });
    await ingestRecords(db, 'events', [event('EY', 'y'), event('EX', 'x')], { actor: 'test', clock });
    // Z buys a gift for Y (by Y's email) and one for X; X buys one for Y by Y's loyalty card, from the till's export
    const gift = (order: string, buyer: string, recipient: Record<string, string>) => ({
      order_id: `later-events-${order}`, customer_email: email(buyer), ordered_at: '2024-06-22T10:00:00+07:00', channel: 'store', amount: '25000', ...recipient,
    });
    await ingestRecords(db, 'orders', [gift('GZY', 'z', { recipient_email: email('y') }), gift('GZX', 'z', { recipient_email: email('x') })], { actor: 'test', clock });
    await ingestRecords(db, 'orders', [gift('GXY', 'x', { recipient_id: 'later-events-Y' })], { actor: 'test', clock, source: 'loyalty_card' });
    const eventOwner = async (id: string) => (await db.selectFrom('interest_event').select('customer_id').where('external_id', '=', `later-events-${id}`).executeTakeFirstOrThrow()).customer_id;
    const recipientOf = async (order: string) => (await db.selectFrom('customer_order').select('recipient_customer_id').where('external_id', '=', `later-events-${order}`).executeTakeFirstOrThrow()).recipient_customer_id;
    expect([await eventOwner('EY'), await recipientOf('GZY'), await recipientOf('GXY')]).toEqual([x, x, x]);

    const undone = await undoMerge(db, mergeId, 'test');
    expect(undone).toMatchObject({ ordersMovedBack: 2, eventsMovedBack: 3, giftsMovedBack: 3 });
    expect([await eventOwner('EY'), await eventOwner('EX')]).toEqual([y, x]);
    expect([await recipientOf('GZY'), await recipientOf('GXY'), await recipientOf('GZX')]).toEqual([y, y, x]);
    const traits = await db.selectFrom('customer_trait').select(['customer_id', 'interest_event_count']).where('customer_id', 'in', [x, y]).orderBy('customer_id').execute();
    expect(traits).toEqual([{ customer_id: x, interest_event_count: 1 }, { customer_id: y, interest_event_count: 3 }]);
    const timeline = await customerTimeline(db, y);
    expect(timeline.items.filter((item) => item.kind === 'interest').map((item) => item.title)).toEqual(['inquiry via phone', 'cart via mobile', 'signup via web']);
    expect(timeline.items.filter((item) => item.kind === 'order' && item.title.startsWith('received a gift')).map((item) => item.title).sort())
      .toEqual(['received a gift later-events-GIFT', 'received a gift later-events-GXY', 'received a gift later-events-GZY']);
  });

  it('brings a later order back step by step when a merge of a merge is undone', async () => {
    const db = context.store.db;
    const { x, y, z, email } = await seedPeople(db, 'later-chain');
    const first = await mergeCustomers(db, x, y, 'test');
    const second = await mergeCustomers(db, z, x, 'test');
    await ingestRecords(db, 'orders', [{ order_id: 'later-chain-Y3', customer_email: email('y'), ordered_at: '2024-06-20T10:00:00+07:00', channel: 'web', amount: '40000' }], { actor: 'test', clock });
    const ownerOf = async () => (await db.selectFrom('customer_order').select('customer_id').where('external_id', '=', 'later-chain-Y3').executeTakeFirstOrThrow()).customer_id;
    expect(await ownerOf()).toBe(z);
    await undoMerge(db, second.mergeId, 'test');
    expect(await ownerOf()).toBe(x);
    await undoMerge(db, first.mergeId, 'test');
    expect(await ownerOf()).toBe(y);
  });

  it('answers an undo over HTTP with what it restored, as the CLI prints it', async () => {
    const db = context.store.db;
    const { x, y } = await seedPeople(db, 'answer');
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    const undo = await app.inject({ method: 'POST', url: `/api/merges/${mergeId}/undo`, headers: owner.headers });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toEqual({ undone: true, mergeId, keptCustomerId: x, restoredCustomerId: y, ordersMovedBack: 2, eventsMovedBack: 2, giftsMovedBack: 1 });
  });

  it('names whom a customer was merged into when a merge names them', async () => {
    const db = context.store.db;
    const { x, y, z } = await seedPeople(db, 'merged-into');
    await mergeCustomers(db, x, y, 'test');
    for (const [keptId, otherCustomerId, field] of [[z, y, 'otherCustomerId'], [y, z, 'customerId']] as const) {
      const response = await app.inject({ method: 'POST', url: `/api/customers/${keptId}/merge`, headers: owner.headers, payload: { otherCustomerId } });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', field, details: { mergedInto: x } });
      expect(response.json().error.message).toContain(`Customer #${y} was merged into #${x}`);
    }
  });

  it('says in the timeline that a merge was undone', async () => {
    const db = context.store.db;
    const { x, y } = await seedPeople(db, 'timeline');
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    const mergeEntry = async () => (await customerTimeline(db, x)).items.find((item) => item.kind === 'merge');
    expect((await mergeEntry())?.title).toBe(`merged with customer #${y}`);
    await undoMerge(db, mergeId, 'test');
    expect((await mergeEntry())?.title).toBe(`merged with customer #${y} (undone)`);
  });

  it('lists the merges of a customer merged into another, so that the merge can be found and undone', async () => {
    const db = context.store.db;
    const { x, y } = await seedPeople(db, 'listed');
    const { mergeId } = await mergeCustomers(db, x, y, 'test');
    expect((await listMerges(db, y)).map((merge) => merge.merge_id)).toEqual([mergeId]);
  });
});
