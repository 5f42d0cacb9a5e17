import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// An `ingest` key may write but not read customers: its rejects must not turn a phone, email or
// order id into another customer's number or name; callers who may read customers keep them.
describeEachStore('rejects name other customers only to callers who may read customers', (context) => {
  let app: FastifyInstance;
  let headersOf: Record<'ingest' | 'ingestAndRead' | 'admin' | 'staff', AuthHeaders>;
  let ownerId: number;
  const ownerName = 'PT Sinar Harapan';
  const ownerPhone = '+6289856354232';

  const send = (entity: string, records: object[], headers: AuthHeaders, extra: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers: { ...headers, ...extra }, payload: { records } });
  const customerIdOf = async (kind: 'email' | 'phone', value: string) => Number((await context.store.db.selectFrom('customer_identity')
    .select('customer_id').where('kind', '=', kind).where('value', '=', value).executeTakeFirstOrThrow()).customer_id);

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    const admin = await signInAs(context.store, 'admin');
    const marketer = await signInAs(context.store, 'marketer');
    headersOf = {
      ingest: (await createTestApiKey(context.store, ['ingest'], 'oc-ingest')).headers,
      ingestAndRead: (await createTestApiKey(context.store, ['ingest', 'read'], 'oc-ingest-read')).headers,
      admin: (await createTestApiKey(context.store, ['admin'], 'oc-admin')).headers,
      staff: marketer.headers,
    };
    const created = await send('customers', [{ customer_id: 'OC-OWNER', name: ownerName, phone: '+62 898 5635 4232', email: 'owner@sinar.example' }], admin.headers);
    expect(created.json()).toMatchObject({ inserted: 1, rejected: 0 });
    ownerId = await customerIdOf('phone', ownerPhone);
    const order = await send('orders', [{ order_id: 'OC-O1', customer_id: 'OC-OWNER', ordered_at: '2024-06-01T10:00:00Z', amount: '10' }], admin.headers);
    expect(order.json()).toMatchObject({ inserted: 1, rejected: 0 });
  });
  afterAll(async () => app?.close());

  /** What the caller learns of the owner: the whole answer, searched for the owner's number and name. */
  const namesOwner = (body: unknown) => {
    const text = JSON.stringify(body);
    return { number: text.includes(`#${ownerId}`) || /"(ownerId|customerId)":/.test(text), name: text.includes(ownerName) };
  };

  it('tells an ingest key that a phone is taken without naming whose it is, and what to do', async () => {
    expect((await send('customers', [{ email: 'anchor1@evil.example' }], headersOf.ingest)).json()).toMatchObject({ inserted: 1 });
    const refused = await send('customers', [{ email: 'anchor1@evil.example', phone: '+62 898 5635 4232' }], headersOf.ingest);
    expect(refused.statusCode).toBe(200);
    const [reject] = refused.json().rejects;
    expect(reject).toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN', field: 'phone', params: { field: 'phone', value: ownerPhone } });
    expect(Object.keys(reject.params).sort()).toEqual(['field', 'value']);
    expect(reject.reason).toBe(`The phone ${ownerPhone} already belongs to another customer than the one this row describes. `
      + 'If they are one person, ask an owner or admin, who can merge customers, to merge them, then import the row again; otherwise correct the phone.');
    expect(namesOwner(refused.json())).toEqual({ number: false, name: false });
  });

  it('tells an ingest key that an email is taken without naming whose it is', async () => {
    await send('customers', [{ customer_id: 'OC-ANCHOR2' }], headersOf.ingest);
    const refused = await send('customers', [{ customer_id: 'OC-ANCHOR2', email: 'owner@sinar.example' }], headersOf.ingest);
    const [reject] = refused.json().rejects;
    expect(reject).toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN', field: 'email', params: { field: 'email', value: 'owner@sinar.example' } });
    expect(namesOwner(refused.json())).toEqual({ number: false, name: false });
  });

  it('tells an ingest key that an order is another customer\'s without naming whose', async () => {
    const refused = await send('orders', [{ order_id: 'OC-O1', customer_email: 'anchor1@evil.example', ordered_at: '2024-06-01T10:00:00Z', amount: '10' }], headersOf.ingest);
    const [reject] = refused.json().rejects;
    expect(reject).toMatchObject({ code: 'ORDER_OTHER_CUSTOMER', field: 'customer_email', params: { order: 'OC-O1', field: 'customer_email', value: 'anchor1@evil.example' } });
    expect(Object.keys(reject.params).sort()).toEqual(['field', 'order', 'value']);
    expect(reject.reason).toContain('ask an owner or admin, who can merge customers, to merge them');
    expect(namesOwner(refused.json())).toEqual({ number: false, name: false });
  });

  describe.each(['ingestAndRead', 'admin', 'staff'] as const)('a caller who may read customers (%s)', (caller) => {
    it('is told whose phone and order they are, as before', async () => {
      const email = `anchor-${caller.toLowerCase()}@example.com`;
      await send('customers', [{ email }], headersOf[caller]);
      const anchorId = await customerIdOf('email', email);
      const refused = await send('customers', [{ email, phone: '+62 898 5635 4232' }], headersOf[caller]);
      expect(refused.json().rejects[0]).toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN', params: { ownerId, customerId: anchorId } });
      expect(refused.json().rejects[0].reason).toContain(`belongs to customer #${ownerId} (${ownerName}), but this row describes customer #${anchorId}.`);
      const order = await send('orders', [{ order_id: 'OC-O1', customer_email: email, ordered_at: '2024-06-01T10:00:00Z', amount: '10' }], headersOf[caller]);
      expect(order.json().rejects[0]).toMatchObject({ code: 'ORDER_OTHER_CUSTOMER', params: { customerId: ownerId } });
      expect(order.json().rejects[0].reason).toContain(`already belongs to customer #${ownerId}`);
    });
  });

  it('shows an ingest key the stubs its row joined by line and merge, not by customer number', async () => {
    const stubOrder = (id: string, ref: Record<string, string>) => ({ order_id: id, ordered_at: '2024-06-01T10:00:00Z', amount: '10', ...ref });
    await send('orders', [stubOrder('OC-S1', { customer_phone: '+62 857 1111 2222' }), stubOrder('OC-S2', { customer_email: 'stub@oc.example' })], headersOf.ingest);
    const joined = await send('customers', [{ customer_id: 'OC-SP', email: 'stub@oc.example', phone: '+62 857 1111 2222' }], headersOf.ingest);
    expect(joined.json().joins).toEqual([{ line: 1, mergeIds: [expect.any(Number)] }]);

    await send('orders', [stubOrder('OC-S3', { customer_phone: '+62 857 3333 4444' }), stubOrder('OC-S4', { customer_email: 'stub2@oc.example' })], headersOf.ingestAndRead);
    const shown = await send('customers', [{ customer_id: 'OC-SP2', email: 'stub2@oc.example', phone: '+62 857 3333 4444' }], headersOf.ingestAndRead);
    expect(shown.json().joins).toEqual([{ line: 1, customerId: expect.any(Number), mergedCustomerIds: [expect.any(Number)], mergeIds: [expect.any(Number)] }]);
  });

  it('replays an answer as its caller may see it now, not as it was stored', async () => {
    const key = await createTestApiKey(context.store, ['ingest', 'read'], 'oc-later-ingest-only');
    await send('customers', [{ customer_id: 'OC-REPLAY' }], key.headers);
    const body = [{ customer_id: 'OC-REPLAY', phone: '+62 898 5635 4232' }];
    const first = await send('customers', body, key.headers, { 'idempotency-key': 'oc-replay' });
    expect(namesOwner(first.json())).toEqual({ number: true, name: true });
    await context.store.db.updateTable('api_key').set({ scopes: ['ingest'] }).where('api_key_id', '=', key.apiKeyId).execute();
    const replay = await send('customers', body, key.headers, { 'idempotency-key': 'oc-replay' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().rejects[0]).toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN', params: { field: 'phone', value: ownerPhone } });
    expect(namesOwner(replay.json())).toEqual({ number: false, name: false });
  });

  it('keeps the list of imports, and so its counts of rejects, from an ingest key', async () => {
    const run = (await send('customers', [{ email: 'anchor1@evil.example', phone: '+62 898 5635 4232' }], headersOf.ingest)).json().importId;
    expect((await app.inject({ method: 'GET', url: `/api/imports/${run}`, headers: headersOf.ingest })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/imports', headers: headersOf.ingest })).statusCode).toBe(403);
  });

  it('refuses batches from keys that may not ingest', async () => {
    for (const scopes of [['read'], ['write'], ['audit']] as const) {
      const key = await createTestApiKey(context.store, [...scopes], `oc-${scopes[0]}`);
      expect((await send('customers', [{ email: 'anchor1@evil.example', phone: '+62 898 5635 4232' }], key.headers)).statusCode).toBe(403);
    }
  });
});
