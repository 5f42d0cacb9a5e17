import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

describeEachStore('customer identities with invisible characters over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  const create = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload });
  const identityValues = async () => (await context.store.db.selectFrom('customer_identity').select('value').execute()).map((row) => row.value);

  it('refuses an email with a right-to-left override and an external id with a zero-width space, storing neither', async () => {
    const reversed = await create({ name: 'Look-alike', email: '\u202Euni.base@h6.test' });
    expect([reversed.statusCode, reversed.json().error]).toMatchObject([400, {
      code: 'CUSTOMER_IDENTITY_INVALID', field: 'email', message: '"<U+202E>uni.base@h6.test" contains an invisible character U+202E at position 1; retype the address',
    }]);
    const card = await create({ name: 'Look-alike', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC\u200B-7' }] });
    expect([card.statusCode, card.json().error]).toMatchObject([400, {
      code: 'CUSTOMER_IDENTITY_INVALID', field: 'identities.0.value', message: '"LC<U+200B>-7" contains an invisible character U+200B at position 3; retype the id',
    }]);
    expect((await identityValues()).filter((value) => /\p{Cf}/u.test(value))).toEqual([]);
  });

  it('keeps a name that needs a zero-width joiner, and still drops a zero-width space pasted into an email', async () => {
    const created = await create({ name: 'Kṣitija \u0915\u094D\u200D\u0937', email: 'ksi\u200Btija@example.com' });
    expect(created.statusCode).toBe(201);
    expect(created.json().customer).toMatchObject({ name: 'Kṣitija \u0915\u094D\u200D\u0937', email: 'ksitija@example.com' });
  });

  it('rejects such rows of an ingest batch with their line and field, inserting the rest', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/customers', headers: ingestKey.headers,
      payload: { records: [{ customer_id: 'C-1', email: '\u202Euni.base@h6.test' }, { customer_id: 'C\u200B-2', name: 'Two' }, { customer_id: 'C-3', name: 'Three', 'external_id.loyalty_card': '\u2066LC-3' }, { customer_id: 'C-4', name: 'Four' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      inserted: 1,
      rejected: 3,
      rejects: [
        { line: 1, field: 'email', code: 'EMAIL_INVALID', reason: expect.stringContaining('U+202E at position 1'), params: { value: '<U+202E>uni.base@h6.test' } },
        { line: 2, field: 'customer_id', reason: expect.stringContaining('U+200B at position 2') },
        { line: 3, field: 'external_id.loyalty_card', reason: expect.stringContaining('U+2066 at position 1') },
      ],
    });
    expect((await identityValues()).filter((value) => /\p{Cf}/u.test(value))).toEqual([]);
  });
});
