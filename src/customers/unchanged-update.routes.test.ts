import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApiKey, signInAs, type TestApiKey, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { buildApp } from '../server/app.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

describeEachStore('PATCH /api/customers/{id} that changes nothing', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let writeKey: TestApiKey;
  const db = () => context.store.db;
  const customerIdOf = async (email: string) => Number((await db().selectFrom('customer').select('customer_id').where('email', '=', email).executeTakeFirstOrThrow()).customer_id);
  const updatesOf = async (customerId: number) => db().selectFrom('audit_event').select(['actor', 'detail'])
    .where('action', '=', 'customer.update').where('entity_id', '=', String(customerId)).orderBy('audit_id').execute();

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
    writeKey = await createTestApiKey(context.store, ['write']);
  });
  afterAll(async () => app?.close());

  it('writes no customer.update entry when every value sent is the one already held; a real change still writes one', async () => {
    await ingestRecords(db(), 'customers', [{ customer_id: 'NC1', email: 'same.values@example.com', name: 'Sama Saja', city: 'Medan', phone: '+6281234567890', consent_email: 'yes' }], { actor: 'test', clock });
    const customerId = await customerIdOf('same.values@example.com');
    const patch = (payload: Record<string, unknown>, headers = admin.headers) => app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers, payload });

    for (const payload of [
      { name: 'Sama Saja' },
      { city: 'Medan', consentEmail: true },
      { email: 'same.values@example.com' },
      { phone: '+6281234567890' },
      { identities: [{ kind: 'email', value: 'same.values@example.com' }] },
    ]) {
      const response = await patch(payload);
      expect(response.statusCode, `${JSON.stringify(payload)}: ${response.body}`).toBe(200);
    }
    expect((await patch({ name: 'Sama Saja' }, writeKey.headers)).statusCode).toBe(200);
    expect(await updatesOf(customerId)).toEqual([]);

    // the timeline shows no edit either
    const timeline = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/timeline`, headers: admin.headers });
    expect(timeline.json().items.filter((item: { kind: string }) => item.kind === 'profile_change' || item.kind === 'identity_addition')).toEqual([]);

    expect((await patch({ city: 'Surabaya', name: 'Sama Saja' })).statusCode).toBe(200);
    const written = await updatesOf(customerId);
    expect(written).toHaveLength(1);
    expect(written[0]!.detail).toMatchObject({ fields: ['city'], before: { city: 'Medan' }, after: { city: 'Surabaya' } });
  }, 120_000);
});
