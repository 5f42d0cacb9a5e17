import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { fixedClock, systemClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';

/** A loyalty card's system written as a screen, a file's header or a person writes it: one system, one card. */
describeEachStore('an external id\'s system read in any letter case, with spaces or hyphens for underscores', (context) => {
  let app: FastifyInstance;
  let agent: TestSession;
  let holder: number;

  beforeAll(async () => {
    app = await buildApp();
    agent = await signInAs(context.store, 'agent');
    const response = await create('Surya', 'loyalty_card', 'LC0000001357');
    expect(response.statusCode).toBe(201);
    holder = Number(response.json().customer.customer_id);
  });
  afterAll(async () => app?.close());

  async function buildApp() {
    const { buildApp: build } = await import('../server/app.js');
    return build({ store: context.store, config: { isBehindTls: false }, clock: systemClock });
  }
  const create = (name: string, namespace: string, value: string) => app.inject({
    method: 'POST', url: '/api/customers', headers: agent.headers, payload: { name, identities: [{ kind: 'external', namespace, value }] },
  });
  const lookup = (namespace: string, value: string) =>
    app.inject({ method: 'GET', url: '/api/customers/lookup', query: { kind: 'external', namespace, value }, headers: agent.readHeaders });
  const storedSystems = async () => (await context.store.db.selectFrom('customer_identity').select('namespace').distinct()
    .where('kind', '=', 'external').where('namespace', 'like', '%oyalty%').orderBy('namespace').execute()).map((row) => row.namespace);

  it('refuses a second customer with the card of one who has it, whatever case or separator the system is written in', async () => {
    for (const namespace of ['LOYALTY_CARD', 'Loyalty Card', ' loyalty-card ', 'Loyalty - Card']) {
      const response = await create('Someone else', namespace, 'LC0000001357');
      expect({ namespace, status: response.statusCode, code: response.json().error?.code, belongsTo: response.json().error?.details?.belongsTo })
        .toEqual({ namespace, status: 409, code: 'CUSTOMER_IDENTITY_CONFLICT', belongsTo: holder });
    }
    expect(await storedSystems()).toEqual(['loyalty_card']);
  });

  it('looks the card up under its system written in any case, with spaces or hyphens', async () => {
    for (const namespace of ['LOYALTY_CARD', 'Loyalty Card', 'loyalty-card']) {
      const response = await lookup(namespace, 'LC0000001357');
      expect({ namespace, status: response.statusCode, customerId: response.json().customer?.customer_id }).toEqual({ namespace, status: 200, customerId: holder });
    }
  });

  it('stores an added identity and an import\'s family column under the system\'s one name', async () => {
    const patched = await app.inject({
      method: 'PATCH', url: `/api/customers/${holder}`, headers: agent.headers,
      payload: { identities: [{ kind: 'external', namespace: 'Web Account', value: 'WA-77' }] },
    });
    expect(patched.statusCode).toBe(200);
    // one batch a header spelling: a batch reads two headers that name one field as one column
    for (const record of [{ email: 'surya.card@example.com', 'external_id.LOYALTY CARD': 'LC0000001357' }, { email: 'another@example.com', 'external_id.Loyalty-Card': 'LC0000002468' }]) {
      await ingestRecords(context.store.db, 'customers', [record], { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') });
    }
    const other = await context.store.db.selectFrom('customer_identity').select('customer_id').where('kind', '=', 'email').where('value', '=', 'another@example.com').executeTakeFirstOrThrow();
    const identities = await context.store.db.selectFrom('customer_identity').select(['namespace', 'value', 'customer_id'])
      .where('kind', '=', 'external').orderBy('value').execute();
    expect(identities.map((row) => ({ ...row, customer_id: Number(row.customer_id) }))).toEqual([
      { namespace: 'loyalty_card', value: 'LC0000001357', customer_id: holder },
      { namespace: 'loyalty_card', value: 'LC0000002468', customer_id: Number(other.customer_id) },
      { namespace: 'web_account', value: 'WA-77', customer_id: holder },
    ]);
    const email = await context.store.db.selectFrom('customer_identity').select('customer_id').where('kind', '=', 'email').where('value', '=', 'surya.card@example.com').executeTakeFirstOrThrow();
    expect(Number(email.customer_id)).toBe(holder);
  });

  it('still removes an identity stored under another spelling of its system before systems were read alike', async () => {
    await context.store.db.insertInto('customer_identity').values({ kind: 'external', namespace: 'MEMBER CARD', value: 'MC-1', customer_id: holder }).execute();
    const removed = await app.inject({
      method: 'DELETE', url: `/api/customers/${holder}/identities`, query: { kind: 'external', namespace: 'MEMBER CARD', value: 'MC-1' }, headers: agent.headers,
    });
    expect({ status: removed.statusCode, removed: removed.json().removed }).toEqual({ status: 200, removed: { kind: 'external', namespace: 'MEMBER CARD', value: 'MC-1' } });
  });

  it('finds a card stored before systems were normalised, under the system as it is written now', async () => {
    const other = await create('Rina', 'gift_card', 'GC-1');
    const rina = Number(other.json().customer.customer_id);
    // an older version kept the system as the file's header wrote it
    await context.store.db.insertInto('customer_identity').values({ customer_id: rina, kind: 'external', namespace: 'MEMBER CARD', value: 'MC-77' }).execute();
    const found = await lookup('member_card', 'MC-77');
    expect({ status: found.statusCode, customerId: found.json().customer?.customer_id }).toEqual({ status: 200, customerId: rina });
    expect((await lookup('Member-Card', 'mc 77')).json().customer?.customer_id).toBe(rina);
  });
});

describeEachCliStore('clientele customers create --identity, the system read as the API reads it', (context) => {
  it('refuses a card a customer has under its system written in capitals or with a space, naming who has it', async () => {
    const first = await runCliInProcess(context.db, ['--json', 'customers', 'create', '--name', 'Surya', '--identity', 'loyalty_card:LC0000001357']);
    expect(first.error).toBeNull();
    const holder = JSON.parse(first.stdout).customer.customer_id as number;
    for (const identity of ['LOYALTY_CARD:LC0000001357', 'Loyalty Card:LC0000001357']) {
      const second = await runCliInProcess(context.db, ['customers', 'create', '--name', 'X', '--identity', identity]);
      expect({ identity, code: (second.error as { code?: string } | null)?.code, holder: second.stderr.includes(`#${holder}`) })
        .toEqual({ identity, code: 'CUSTOMER_IDENTITY_CONFLICT', holder: true });
    }
  }, 120_000);
});
