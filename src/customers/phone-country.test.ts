import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// A Latvian mobile number as a Latvian writes it: read as Indonesian (the store's country) it is +6226123456.
const latvianLocal = '26123456';
const latvianE164 = '+37126123456';

describeEachStore('a phone number without a country code, read in the customer\'s own country', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  const create = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload });
  const patch = (customerId: number, payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload });
  const phoneIdentities = (identities: Array<{ kind: string; value: string }>) => identities.filter((identity) => identity.kind === 'phone').map((identity) => identity.value);

  it('is read in the country of the row on ingest, and the same on create', async () => {
    const ingestKey = await createTestApiKey(context.store, ['ingest']);
    const ingested = await app.inject({
      method: 'POST', url: '/api/ingest/customers', headers: ingestKey.headers,
      payload: { records: [{ customer_id: 'LV-1', name: 'Ilze', country: 'LV', phone: latvianLocal }] },
    });
    expect(ingested.json()).toMatchObject({ inserted: 1, rejected: 0 });
    const stored = await context.store.db.selectFrom('customer').select('phone').where('name', '=', 'Ilze').executeTakeFirstOrThrow();
    expect(stored.phone).toBe(latvianE164);

    const created = await create({ name: 'Anna', country: 'LV', phone: '29 876 543', identities: [{ kind: 'phone', value: '2000 1234' }] });
    expect(created.statusCode).toBe(201);
    expect(created.json().customer.phone).toBe('+37129876543');
    expect(phoneIdentities(created.json().identities).sort()).toEqual(['+37120001234', '+37129876543']);
    // the same person through the other path is recognised, not a second customer
    const twice = await create({ name: 'Ilze again', country: 'lv', phone: latvianLocal });
    expect({ status: twice.statusCode, code: twice.json().error.code }).toEqual({ status: 409, code: 'CUSTOMER_IDENTITY_CONFLICT' });
    // without a country of their own, the store's
    const local = await create({ name: 'Budi', phone: '0812 3456 7890' });
    expect(local.json().customer.phone).toBe('+6281234567890');
  });

  it('is read on update in the stored country when the request sends no country, and in the sent one when it does', async () => {
    const customerId = (await create({ name: 'Janis', country: 'LV' })).json().customer.customer_id;
    const phoneOnly = await patch(customerId, { phone: '26 111 222' });
    expect(phoneOnly.statusCode).toBe(200);
    expect(phoneOnly.json().customer.phone).toBe('+37126111222');
    expect(phoneIdentities(phoneOnly.json().identities)).toEqual(['+37126111222']);
    const added = await patch(customerId, { identities: [{ kind: 'phone', value: '26 111 333' }] });
    expect(phoneIdentities(added.json().identities).sort()).toEqual(['+37126111222', '+37126111333']);
    // moving to Indonesia: the new number is an Indonesian one
    const moved = await patch(customerId, { country: 'ID', phone: '0813 1111 2222' });
    expect(moved.json().customer).toMatchObject({ country: 'ID', phone: '+6281311112222' });
    // a country cleared in the same request: the store's
    const cleared = await patch(customerId, { country: null, phone: '0813 1111 3333' });
    expect(cleared.json().customer).toMatchObject({ country: null, phone: '+6281311113333' });
  });

  it('is read in the customer\'s country when an identity is removed', async () => {
    const customerId = (await create({ name: 'Liga', country: 'LV', phone: '26 222 333' })).json().customer.customer_id;
    const removed = await app.inject({ method: 'DELETE', url: `/api/customers/${customerId}/identities?kind=phone&value=26222333`, headers: admin.headers });
    expect(removed.statusCode).toBe(200);
    const after = (await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: admin.headers })).json();
    expect({ phone: after.customer.phone, phones: phoneIdentities(after.identities) }).toEqual({ phone: null, phones: [] });
  });
});
