import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

/** What a refused write told its caller, with everything a caller could learn another customer from. */
type Refusal = { status: number; code: string; field?: string; message: string; details?: Record<string, unknown> };

describeEachStore('identity conflicts told to a caller who may write but not read customers', (context) => {
  let app: FastifyInstance;
  let admin: AuthHeaders;
  let agent: AuthHeaders;
  let writeOnly: AuthHeaders;
  let readWrite: AuthHeaders;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = (await signInAs(context.store, 'admin')).headers;
    agent = (await signInAs(context.store, 'agent')).headers;
    writeOnly = (await createTestApiKey(context.store, ['write'], 'conflicts-write')).headers;
    readWrite = (await createTestApiKey(context.store, ['read', 'write'], 'conflicts-read-write')).headers;
  });
  afterAll(async () => app?.close());

  const create = async (payload: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload });
    expect(response.statusCode).toBe(201);
    return response.json().customer.customer_id as number;
  };
  const refusalOf = (response: Awaited<ReturnType<FastifyInstance['inject']>>): Refusal => {
    const { code, field, message, details } = response.json().error;
    return { status: response.statusCode, code, field, message, ...(details ? { details } : {}) };
  };
  /** Neither the other customer's number nor their name: not in the message, not in the details. */
  const expectNoTraceOf = (refusal: Refusal, customerId: number, name: string) => {
    expect(refusal.details?.belongsTo).toBeUndefined();
    expect(refusal.details?.mergedCustomerId).toBeUndefined();
    expect(JSON.stringify(refusal)).not.toMatch(new RegExp(`#${customerId}\\b`));
    expect(JSON.stringify(refusal)).not.toContain(name);
  };

  it('refuses a create with another customer\'s phone with the same code and field, naming no customer', async () => {
    const ownerId = await create({ name: 'Sekar Rahasia', phone: '0857 7001 2001' });
    const refused = refusalOf(await app.inject({ method: 'POST', url: '/api/customers', headers: writeOnly, payload: { name: 'Probe', phone: '+62 857-7001-2001' } }));
    expect(refused).toEqual({
      status: 409, code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'phone',
      message: 'The phone number "+6285770012001" already belongs to another customer. If they are one person, ask someone who can read customers to add the details there instead of creating a second customer; otherwise correct the phone number.',
    });
    expectNoTraceOf(refused, ownerId, 'Sekar');
    // nothing was created for the probe
    expect(await context.store.db.selectFrom('customer').select('customer_id').where('name', '=', 'Probe').execute()).toEqual([]);
  });

  it('refuses an update with another customer\'s email or external id, naming no customer', async () => {
    const ownerId = await create({ name: 'Wulan Rahasia', email: 'wulan.secret@example.com', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-SECRET-1' }] });
    const targetId = await create({ name: 'Target Tina' });
    const patch = (payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/customers/${targetId}`, headers: writeOnly, payload });

    const byEmail = refusalOf(await patch({ email: 'Wulan.Secret@Example.com' }));
    expect(byEmail).toEqual({
      status: 409, code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'email',
      message: 'The email "wulan.secret@example.com" already belongs to another customer. If they are one person, ask an owner or admin, who can merge customers, to merge them; otherwise correct the email.',
    });
    expectNoTraceOf(byEmail, ownerId, 'Wulan');

    const byCard = refusalOf(await patch({ identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-SECRET-1' }] }));
    expect(byCard).toEqual({
      status: 409, code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'identities.0',
      message: 'The loyalty_card id "LC-SECRET-1" already belongs to another customer. If they are one person, ask an owner or admin, who can merge customers, to merge them; otherwise correct the loyalty_card id.',
    });
    expectNoTraceOf(byCard, ownerId, 'Wulan');
  });

  it('keeps the full message, with the other customer\'s number, for staff with write access and a key that may also read', async () => {
    const ownerId = await create({ name: 'Dewi Terbuka', email: 'dewi.open@example.com' });
    const targetId = await create({ name: 'Target Tono' });
    for (const headers of [agent, readWrite]) {
      const taken = refusalOf(await app.inject({ method: 'PATCH', url: `/api/customers/${targetId}`, headers, payload: { email: 'dewi.open@example.com' } }));
      expect(taken).toEqual({
        status: 409, code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'email', details: { belongsTo: ownerId },
        message: `The email "dewi.open@example.com" already belongs to customer #${ownerId}. If they are one person, merge the two customers (an admin or owner can); otherwise correct it.`,
      });
      const twice = refusalOf(await app.inject({ method: 'POST', url: '/api/customers', headers, payload: { email: 'dewi.open@example.com' } }));
      expect(twice).toMatchObject({ status: 409, code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'email', details: { belongsTo: ownerId }, message: expect.stringContaining(`exists as #${ownerId}`) });
    }
  });

  it('refuses removing an identity a merge brought without naming the merged customer, and names them to staff', async () => {
    const keptId = await create({ name: 'Kept Kartika' });
    const mergedId = await create({ name: 'Merged Melati', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-MELATI' }] });
    const merge = await app.inject({ method: 'POST', url: `/api/customers/${keptId}/merge`, headers: admin, payload: { otherCustomerId: mergedId } });
    const { mergeId } = merge.json();
    const remove = (headers: AuthHeaders) => app.inject({ method: 'DELETE', url: `/api/customers/${keptId}/identities`, query: { kind: 'external', namespace: 'loyalty_card', value: 'LC-MELATI' }, headers });

    const hidden = refusalOf(await remove(writeOnly));
    expect(hidden).toEqual({
      status: 409, code: 'CUSTOMER_IDENTITY_MERGE_CONFLICT', field: 'value', details: { mergeId },
      message: `The loyalty_card id "LC-MELATI" came with another customer in merge #${mergeId}. Ask an admin or owner to undo merge #${mergeId} first, then remove it from the customer the undo restores; or keep the merge and the identity.`,
    });
    expectNoTraceOf(hidden, mergedId, 'Melati');

    expect(refusalOf(await remove(agent))).toMatchObject({ status: 409, code: 'CUSTOMER_IDENTITY_MERGE_CONFLICT', details: { mergeId, mergedCustomerId: mergedId }, message: expect.stringContaining(`customer #${mergedId}`) });
  });
});
