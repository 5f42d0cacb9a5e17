import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { createSegment, getSegment, listSegmentMembers, segmentHistory } from '../segments/index.js';
import { createCustomer, deleteCustomer, updateCustomer } from './customers.service.js';
import { removeIdentity } from './remove-identity.service.js';

const clock = fixedClock('2026-06-01T00:00:00Z');
const emailConsent = { field: 'consent_email', op: 'eq', value: true };

describeEachStore('segment membership follows customer writes', (context) => {
  const db = () => context.store.db;
  let app: FastifyInstance;
  let admin: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  /** What an export reads (the member rows) beside what the segment list shows (its count), and the rows as stored. */
  async function membership(name: string) {
    const segment = await getSegment(db(), name);
    const listed = (await listSegmentMembers(db(), name, { limit: 1000 })).items.map((row) => Number(row.customer_id));
    const stored = await sql<{ n: number }>`select count(*)::int as n from segment_member where segment_id = ${segment.segment_id}`.execute(db());
    return { listed, count: segment.member_count, rows: stored.rows[0].n };
  }

  it('drops a customer who withdraws email consent, and takes in a new customer who gives it', async () => {
    const ayu = await createCustomer(db(), { name: 'Ayu', email: 'ayu@example.com', consentEmail: true }, [], { clock });
    const budi = await createCustomer(db(), { name: 'Budi', email: 'budi@example.com', consentEmail: true }, [], { clock });
    await createSegment(db(), { name: 'email consent (service)', filter: emailConsent }, { actor: 'test', clock });
    expect(await membership('email consent (service)')).toEqual({ listed: [ayu, budi], count: 2, rows: 2 });

    await updateCustomer(db(), ayu, { consentEmail: false }, [], { clock });
    expect(await membership('email consent (service)')).toEqual({ listed: [budi], count: 1, rows: 1 });
    const history = await segmentHistory(db(), 'email consent (service)');
    expect(history[0]).toMatchObject({ customer_id: ayu, change: 'left', at: clock.now() });

    const citra = await createCustomer(db(), { name: 'Citra', consentEmail: true }, [], { clock });
    expect(await membership('email consent (service)')).toEqual({ listed: [budi, citra], count: 2, rows: 2 });
  });

  it('drops a customer whose consent is withdrawn over HTTP from the members and their count', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Dewi', email: 'dewi@example.com', consentEmail: true } });
    expect(created.statusCode).toBe(201);
    const dewi = created.json().customer.customer_id as number;
    const segment = await app.inject({ method: 'POST', url: '/api/segments', headers: admin.headers, payload: { name: 'email consent (http)', filter: emailConsent } });
    const segmentId = segment.json().segment.segment_id as number;
    const read = async () => ({
      members: (await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members`, headers: admin.readHeaders })).json().items.map((row: { customer_id: number }) => row.customer_id),
      count: (await app.inject({ method: 'GET', url: `/api/segments/${segmentId}`, headers: admin.readHeaders })).json().segment.member_count,
    });
    const before = await read();
    expect(before.members).toContain(dewi);
    expect(before.count).toBe(before.members.length);

    const patched = await app.inject({ method: 'PATCH', url: `/api/customers/${dewi}`, headers: admin.headers, payload: { consentEmail: false } });
    expect(patched.statusCode).toBe(200);
    const after = await read();
    expect(after.members).not.toContain(dewi);
    expect(after.count).toBe(after.members.length);
  });

  it('keeps member_count equal to the member rows after a customer is deleted', async () => {
    const eka = await createCustomer(db(), { name: 'Eka', city: 'Bandung' }, [], { clock });
    const fajar = await createCustomer(db(), { name: 'Fajar', city: 'Bandung' }, [], { clock });
    await createSegment(db(), { name: 'bandung', filter: { field: 'city', op: 'eq', value: 'Bandung' } }, { actor: 'test', clock });
    expect(await membership('bandung')).toEqual({ listed: [eka, fajar], count: 2, rows: 2 });

    await deleteCustomer(db(), eka, { clock });
    expect(await membership('bandung')).toEqual({ listed: [fajar], count: 1, rows: 1 });
    const deleted = await app.inject({ method: 'DELETE', url: `/api/customers/${fajar}`, headers: admin.headers });
    expect(deleted.statusCode).toBe(204);
    expect(await membership('bandung')).toEqual({ listed: [], count: 0, rows: 0 });
  });

  it('drops a customer from a segment on their email when the email identity is removed', async () => {
    const gita = await createCustomer(db(), { name: 'Gita', email: 'gita@example.com' }, [], { clock });
    await createSegment(db(), { name: 'has email', filter: { field: 'email', op: 'is_null', value: false } }, { actor: 'test', clock });
    expect((await membership('has email')).listed).toContain(gita);

    await removeIdentity(db(), gita, { kind: 'email', value: 'gita@example.com' }, 'test', { clock });
    const after = await membership('has email');
    expect(after.listed).not.toContain(gita);
    expect(after.count).toBe(after.rows);
  });
});
