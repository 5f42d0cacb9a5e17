import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { buildApp } from '../server/app.js';
import { systemClock } from '../core/clock.js';

const card = (value: string) => [{ kind: 'external', namespace: 'loyalty_card', value }];

/** A card stored with the dashes its system wrote, typed by an agent with other separators, or none, and in any case. */
describeEachStore('an external id found whatever separators and letter case either side uses', (context) => {
  let app: FastifyInstance;
  let agent: TestSession;
  const customers = new Map<string, number>();

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: systemClock });
    agent = await signInAs(context.store, 'agent');
    const create = async (name: string, payload: Record<string, unknown>) => {
      const response = await app.inject({ method: 'POST', url: '/api/customers', headers: agent.headers, payload: { name, ...payload } });
      expect(response.statusCode).toBe(201);
      customers.set(name, Number(response.json().customer.customer_id));
    };
    await create('Kartika', { identities: card('LC-0068-890246') });
    // two people whose cards fold alike ("ab12"), neither written as an agent would type it
    await create('Bayu', { identities: card('AB-12') });
    await create('Citra', { identities: card('ab.12') });
    await create('Dewi', { identities: [{ kind: 'external', namespace: 'web_account', value: 'WA/2024/0007' }] });
    await create('Eka', { identities: card('ÖZ-12') });
  });
  afterAll(async () => app?.close());

  const lookup = (namespace: string, value: string) =>
    app.inject({ method: 'GET', url: '/api/customers/lookup', query: { kind: 'external', namespace, value }, headers: agent.readHeaders });
  const search = async (q: string) => {
    const response = await app.inject({ method: 'GET', url: '/api/customers', query: { q }, headers: agent.readHeaders });
    return response.json().items.map((item: { name: string }) => item.name).sort();
  };

  it('looks up a card stored with dashes when it is typed without them, or with spaces, dots, slashes or underscores', async () => {
    for (const value of ['lc0068890246', 'LC 0068 890246', 'LC 0068890246', 'lc.0068.890246', 'LC/0068/890246', 'lc_0068_890246', 'LC\u20130068\u2013890246', 'LC\u00A00068 890246', ' Lc-0068 890246 ']) {
      const response = await lookup('loyalty_card', value);
      expect({ value, status: response.statusCode, customerId: response.json().customer?.customer_id }).toEqual({ value, status: 200, customerId: customers.get('Kartika') });
    }
    // an id keeps what separates ids rather than groups their characters, and its system
    for (const [namespace, value] of [['loyalty_card', 'LC:0068890246'], ['loyalty_card', 'LC0068890247'], ['web_account', 'lc0068890246']]) {
      expect({ namespace, value, status: (await lookup(namespace, value)).statusCode }).toEqual({ namespace, value, status: 404 });
    }
    expect((await lookup('web_account', 'wa 2024 0007')).json().customer.name).toBe('Dewi');
    // the database folds ASCII letters only; an id in one case of others is found typed in the other
    expect((await lookup('loyalty_card', 'öz12')).json().customer?.name).toBe('Eka');
  });

  it('answers an id stored exactly, and refuses to guess between two customers whose ids fold alike when neither is typed exactly', async () => {
    expect((await lookup('loyalty_card', 'AB-12')).json().customer.name).toBe('Bayu');
    expect((await lookup('loyalty_card', 'ab.12')).json().customer.name).toBe('Citra');
    for (const value of ['ab12', 'AB 12', 'Ab_12']) {
      const ambiguous = await lookup('loyalty_card', value);
      expect({ value, status: ambiguous.statusCode, code: ambiguous.json().error.code }).toEqual({ value, status: 400, code: 'CUSTOMER_LOOKUP_AMBIGUOUS' });
      expect(ambiguous.json().error.details.matches).toEqual([
        { value: 'AB-12', customerId: customers.get('Bayu') },
        { value: 'ab.12', customerId: customers.get('Citra') },
      ]);
      expect(ambiguous.json().error.message).toContain(`"AB-12" (#${customers.get('Bayu')}), "ab.12" (#${customers.get('Citra')})`);
    }
  });

  it('finds the card in the search box typed without its dashes, and both holders of ids that fold alike', async () => {
    for (const q of ['lc0068890246', 'LC 0068 890246', 'lc.0068/890246']) expect({ q, found: await search(q) }).toEqual({ q, found: ['Kartika'] });
    expect(await search('ab12')).toEqual(['Bayu', 'Citra']);
    expect(await search('wa20240007')).toEqual(['Dewi']);
    // a text of separators alone is no id, however many ids fold to nothing
    expect(await search('--')).toEqual([]);
  });
});

describeEachCliStore('clientele customers list finds an external id typed without its dashes', (context) => {
  it('lists the customer whose card "LC-0068-890246" an agent types as "lc0068890246"', async () => {
    const created = await runCliInProcess(context.db, ['--json', 'customers', 'create', '--name', 'Kartika', '--identity', 'loyalty_card:LC-0068-890246']);
    expect(created.error).toBeNull();
    for (const q of ['lc0068890246', 'LC 0068 890246']) {
      const listed = await runCliInProcess(context.db, ['--json', 'customers', 'list', '-q', q]);
      expect({ q, names: JSON.parse(listed.stdout).items.map((item: { name: string }) => item.name) }).toEqual({ q, names: ['Kartika'] });
    }
  }, 120_000);
});
