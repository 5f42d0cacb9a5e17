import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { createCustomer, updateCustomer } from './customers.service.js';
import { removeIdentity } from './remove-identity.service.js';

const clock = fixedClock('2025-01-01T00:00:00Z');
// as a version before format characters were refused stored them: the email normalised (lower case), the id trimmed
const reversedEmail = '\u202euni.base@h6.test';
const cardWithSpace = 'LC\u200B-7';

/** A customer whose profile email and identities an older version stored with format characters in them. */
async function storedBeforeRefusal(db: Kysely<Database>, name: string): Promise<number> {
  const customerId = await createCustomer(db, { name });
  await db.updateTable('customer').set({ email: reversedEmail }).where('customer_id', '=', customerId).execute();
  await db.insertInto('customer_identity').values([
    { customer_id: customerId, kind: 'email', namespace: '', value: reversedEmail },
    { customer_id: customerId, kind: 'external', namespace: 'loyalty_card', value: cardWithSpace },
  ]).execute();
  return customerId;
}

const identitiesOf = async (db: Kysely<Database>, customerId: number) =>
  (await db.selectFrom('customer_identity').select(['kind', 'namespace', 'value']).where('customer_id', '=', customerId).orderBy('kind').execute());

describeEachStore('removing an identity stored with an invisible character before such were refused', (context) => {
  let app: FastifyInstance;
  let agent: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    agent = await signInAs(context.store, 'agent');
  });
  afterAll(async () => app?.close());

  it('removes them through the service given as stored, clearing the profile email that held one', async () => {
    const db = context.store.db;
    const customerId = await storedBeforeRefusal(db, 'Old Override');
    expect(await removeIdentity(db, customerId, { kind: 'email', value: reversedEmail }, 'test', { clock }))
      .toEqual({ removed: { kind: 'email', namespace: '', value: reversedEmail }, clearedField: 'email' });
    expect(await removeIdentity(db, customerId, { kind: 'external', namespace: 'loyalty_card', value: cardWithSpace }, 'test', { clock }))
      .toEqual({ removed: { kind: 'external', namespace: 'loyalty_card', value: cardWithSpace }, clearedField: null });
    expect(await identitiesOf(db, customerId)).toEqual([]);
    expect((await db.selectFrom('customer').select('email').where('customer_id', '=', customerId).executeTakeFirstOrThrow()).email).toBeNull();
    const audit = await db.selectFrom('audit_event').select('detail').where('action', '=', 'customer.identity.remove').where('entity_id', '=', String(customerId)).orderBy('audit_id').execute();
    expect(audit.map((entry) => entry.detail)).toMatchObject([{ kind: 'email', value: reversedEmail, clearedField: 'email' }, { kind: 'external', value: cardWithSpace }]);
  });

  it('finds them as the older version normalised what is given, and still refuses one nobody has, and any new one', async () => {
    const db = context.store.db;
    const customerId = await storedBeforeRefusal(db, 'Old Override Two');
    expect((await removeIdentity(db, customerId, { kind: 'email', value: ' \u202EUni.Base@H6.test ' }, 'test', { clock })).removed.value).toBe(reversedEmail);
    expect((await removeIdentity(db, customerId, { kind: 'external', namespace: 'loyalty_card', value: ` ${cardWithSpace} ` }, 'test', { clock })).removed.value).toBe(cardWithSpace);
    await expect(removeIdentity(db, customerId, { kind: 'email', value: reversedEmail }, 'test', { clock }))
      .rejects.toMatchObject({ code: 'CUSTOMER_IDENTITY_INVALID', message: expect.stringContaining('U+202E at position 1') });
    await expect(updateCustomer(db, customerId, {}, [{ kind: 'email', value: reversedEmail }])).rejects.toMatchObject({ code: 'CUSTOMER_IDENTITY_INVALID' });
    await expect(updateCustomer(db, customerId, {}, [{ kind: 'external', namespace: 'loyalty_card', value: cardWithSpace }])).rejects.toMatchObject({ code: 'CUSTOMER_IDENTITY_INVALID' });
    expect(await identitiesOf(db, customerId)).toEqual([]);
  });

  it('removes them over HTTP given as stored', async () => {
    const customerId = await storedBeforeRefusal(context.store.db, 'Old Override Three');
    const remove = (query: Record<string, string>) => app.inject({ method: 'DELETE', url: `/api/customers/${customerId}/identities`, query, headers: agent.headers });
    const email = await remove({ kind: 'email', value: reversedEmail });
    expect(email.statusCode).toBe(200);
    expect(email.json()).toMatchObject({ removed: { kind: 'email', value: reversedEmail }, clearedField: 'email', customer: { customer: { email: null } } });
    const card = await remove({ kind: 'external', namespace: 'loyalty_card', value: cardWithSpace });
    expect(card.statusCode).toBe(200);
    expect(card.json()).toMatchObject({ removed: { kind: 'external', namespace: 'loyalty_card', value: cardWithSpace }, clearedField: null, customer: { identities: [] } });
  });

  it('writes the invisible character out when refusing to remove one a merge brought', async () => {
    const admin = await signInAs(context.store, 'admin');
    const keptId = await createCustomer(context.store.db, { name: 'Kept Keeper' });
    const mergedId = await storedBeforeRefusal(context.store.db, 'Merged Override');
    expect((await app.inject({ method: 'POST', url: `/api/customers/${keptId}/merge`, headers: admin.headers, payload: { otherCustomerId: mergedId } })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'DELETE', url: `/api/customers/${keptId}/identities`, query: { kind: 'email', value: reversedEmail }, headers: agent.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^The email "<U\+202E>uni\.base@h6\.test" came with customer #/);
  });
});

describeEachCliStore('clientele customers identities remove: an identity stored with an invisible character', (context) => {
  it('removes it given as stored', async () => {
    const customerId = await context.withStore((store) => storedBeforeRefusal(store.db, 'Old Override CLI'));
    const result = await runCliInProcess(context.db, ['--json', 'customers', 'identities', 'remove', String(customerId), 'loyalty_card', cardWithSpace]);
    expect(result.error).toBeNull();
    expect(JSON.parse(result.stdout)).toMatchObject({ removed: { kind: 'external', namespace: 'loyalty_card', value: cardWithSpace }, clearedField: null });
    expect(await context.withStore((store) => identitiesOf(store.db, customerId))).toEqual([{ kind: 'email', namespace: '', value: reversedEmail }]);
  }, 120_000);
});
