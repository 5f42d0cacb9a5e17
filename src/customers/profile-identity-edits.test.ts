import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';

const clock = fixedClock('2025-01-01T00:00:00Z');

describeEachStore("correcting a customer's email or phone over HTTP", (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let analyst: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const create = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload });
  const patch = (customerId: number, payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload });
  const lookup = async (query: Record<string, string>) => {
    const response = await app.inject({ method: 'GET', url: '/api/customers/lookup', query, headers: analyst.readHeaders });
    return response.statusCode === 200 ? (response.json().customer.customer_id as number) : response.statusCode;
  };
  const identitiesOf = async (customerId: number) => {
    const response = await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: analyst.readHeaders });
    return (response.json().identities as Array<{ kind: string; namespace: string; value: string }>).map(({ kind, namespace, value }) => `${namespace || kind}:${value}`).sort();
  };
  const lastUpdateDetail = async (customerId: number) => {
    const entry = await context.store.db.selectFrom('audit_event').select('detail').where('action', '=', 'customer.update').where('entity_id', '=', String(customerId))
      .orderBy('audit_id', 'desc').executeTakeFirstOrThrow();
    return typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail;
  };

  it('replaces the old profile phone with the new one, keeps the other identities, audits it, and frees the old number', async () => {
    const created = await create({
      name: 'Mary Smith', phone: '+1 212 555 0199',
      identities: [{ kind: 'phone', value: '+62 812 1111 2222' }, { kind: 'external', namespace: 'loyalty_card', value: 'LC-23574' }],
    });
    const maryId = created.json().customer.customer_id as number;
    const updated = await patch(maryId, { phone: '+44 20 7946 0958' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().customer.phone).toBe('+442079460958');
    expect(await lookup({ kind: 'phone', value: '+12125550199' })).toBe(404);
    expect(await lookup({ kind: 'phone', value: '+44 20 7946 0958' })).toBe(maryId);
    // the loyalty card's phone and the card itself came from elsewhere: they stay
    expect(await identitiesOf(maryId)).toEqual(['loyalty_card:LC-23574', 'phone:+442079460958', 'phone:+6281211112222']);
    expect(await lastUpdateDetail(maryId)).toEqual({
      fields: ['phone'], before: { phone: '+12125550199' }, after: { phone: '+442079460958' },
      identities: 1, addedIdentities: [{ kind: 'phone', namespace: '', value: '+442079460958' }],
      replacedIdentities: [{ kind: 'phone', from: '+12125550199', to: '+442079460958' }],
    });
    // the old number is nobody's now: the person it belongs to can be added
    const other = await create({ name: 'Mary Smith', phone: '+1 212 555 0199' });
    expect(other.statusCode).toBe(201);
    expect(await lookup({ kind: 'phone', value: '+12125550199' })).toBe(other.json().customer.customer_id);
  });

  it('replaces an old email, removes it with a cleared field, and leaves identities alone when the value is sent unchanged', async () => {
    const customerId = (await create({ name: 'Ayu Email', email: 'ayu.old@example.com' })).json().customer.customer_id as number;
    expect((await patch(customerId, { email: 'Ayu.New@Example.com' })).statusCode).toBe(200);
    expect(await lookup({ kind: 'email', value: 'ayu.old@example.com' })).toBe(404);
    expect(await identitiesOf(customerId)).toEqual(['email:ayu.new@example.com']);
    expect((await patch(customerId, { email: 'ayu.new@example.com', city: 'Bandung' })).statusCode).toBe(200);
    expect(await identitiesOf(customerId)).toEqual(['email:ayu.new@example.com']);
    expect(await lastUpdateDetail(customerId)).toEqual({ fields: ['city'], before: { city: null }, after: { city: 'Bandung' } });
    expect((await patch(customerId, { email: '' })).json().customer.email).toBeNull();
    expect(await identitiesOf(customerId)).toEqual([]);
    expect((await lastUpdateDetail(customerId)).replacedIdentities).toEqual([{ kind: 'email', from: 'ayu.new@example.com', to: null }]);
  });

  it('keeps the identities an import attached when the profile phone is corrected', async () => {
    await ingestRecords(context.store.db, 'customers', [{ customer_id: 'K-77', name: 'Kadek Import', phone: '0812 7777 0001' }], { actor: 'test', clock });
    await ingestRecords(context.store.db, 'orders', [{ order_id: 'K77-1', customer_id: 'K-77', customer_email: 'kadek@shop.example', ordered_at: '2024-06-01T10:00:00+07:00', amount: '1000' }], { actor: 'test', clock });
    const customerId = await lookup({ kind: 'phone', value: '081277770001' }) as number;
    expect(await identitiesOf(customerId)).toContain('email:kadek@shop.example');
    expect((await patch(customerId, { phone: '0812 7777 0002' })).statusCode).toBe(200);
    expect(await lookup({ kind: 'phone', value: '081277770001' })).toBe(404);
    expect(await identitiesOf(customerId)).toEqual(['api:K-77', 'email:kadek@shop.example', 'phone:+6281277770002']);
  });

  it('keeps an old phone that a merge not yet undone brought, so the merge can still be undone', async () => {
    const keptId = (await create({ name: 'Lina Kept' })).json().customer.customer_id as number;
    const mergedId = (await create({ name: 'Lina Merged', phone: '0813 5555 0101' })).json().customer.customer_id as number;
    const merge = await app.inject({ method: 'POST', url: `/api/customers/${keptId}/merge`, headers: admin.headers, payload: { otherCustomerId: mergedId } });
    expect(merge.statusCode).toBe(200);
    const updated = await patch(keptId, { phone: '0813 5555 0202' });
    expect(updated.json().customer.phone).toBe('+6281355550202');
    expect(await lookup({ kind: 'phone', value: '081355550101' })).toBe(keptId);
    expect((await lastUpdateDetail(keptId)).keptIdentities).toEqual([{ kind: 'phone', value: '+6281355550101', mergeId: merge.json().mergeId }]);
    const undo = await app.inject({ method: 'POST', url: `/api/merges/${merge.json().mergeId}/undo`, headers: admin.headers });
    expect(undo.statusCode).toBe(200);
    expect(await lookup({ kind: 'phone', value: '081355550101' })).toBe(mergedId);
  });
});
