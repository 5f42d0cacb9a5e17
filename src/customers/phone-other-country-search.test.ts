import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { systemClock } from '../core/clock.js';

/**
 * An Indonesian store (phone country ID) with customers from other countries, whose numbers were
 * read in their own country: an agent types the number as the customer's card says, without its code.
 */
describeEachStore('a local number of another country the store\'s customers are from', (context) => {
  let app: FastifyInstance;
  let agent: TestSession;

  beforeAll(async () => {
    const { buildApp } = await import('../server/app.js');
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: systemClock });
    agent = await signInAs(context.store, 'agent');
  });
  afterAll(async () => app?.close());

  async function create(name: string, country: string, phone: string): Promise<number> {
    const response = await app.inject({ method: 'POST', url: '/api/customers', headers: agent.headers, payload: { name, country, phone } });
    expect(response.statusCode).toBe(201);
    return Number(response.json().customer.customer_id);
  }
  const search = async (q: string) => {
    const response = await app.inject({ method: 'GET', url: '/api/customers', query: { q }, headers: agent.readHeaders });
    expect(response.statusCode).toBe(200);
    return (response.json().items as Array<{ customer_id: number | string }>).map((item) => Number(item.customer_id)).sort((a, b) => a - b);
  };
  const lookup = (value: string) => app.inject({ method: 'GET', url: '/api/customers/lookup', query: { kind: 'phone', value }, headers: agent.readHeaders });

  let latvian: number;
  let danish: number;

  it('finds a Latvian customer by the number without its country code, in the search and the lookup', async () => {
    const { defaultCountry } = await (await import('../settings/index.js')).getStoreSettings(context.store.db);
    expect(defaultCountry).toBe('ID');
    latvian = await create('Anna Ozola', 'LV', '26123456');
    const stored = await context.store.db.selectFrom('customer_identity').select('value').where('customer_id', '=', latvian).where('kind', '=', 'phone').executeTakeFirstOrThrow();
    expect(stored.value).toBe('+37126123456');
    expect(await search('26123456')).toEqual([latvian]);
    expect(await search('2612 3456')).toEqual([latvian]);
    const response = await lookup('26123456');
    expect({ status: response.statusCode, customerId: Number(response.json().customer?.customer_id) }).toEqual({ status: 200, customerId: latvian });
  });

  it('reads a number with its country code one way only', async () => {
    expect(await search('+6226123456')).toEqual([]);
    expect((await lookup('+6226123456')).statusCode).toBe(404);
  });

  it('lists every customer a number is local to, and refuses to guess between them in the lookup', async () => {
    danish = await create('Mads Jensen', 'DK', '26123456');
    expect(await search('26123456')).toEqual([latvian, danish].sort((a, b) => a - b));
    const response = await lookup('26123456');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'CUSTOMER_LOOKUP_AMBIGUOUS', field: 'value' });
    expect(response.json().error.message).toContain(`+37126123456 (#${latvian})`);
    expect(response.json().error.message).toContain(`+4526123456 (#${danish})`);
  });

  it('keeps the store\'s own country first: its customer with the number is the one looked up', async () => {
    const local = await create('Budi Santoso', 'ID', '26123456');
    expect(await search('26123456')).toEqual([latvian, danish, local].sort((a, b) => a - b));
    const response = await lookup('26123456');
    expect({ status: response.statusCode, customerId: Number(response.json().customer?.customer_id) }).toEqual({ status: 200, customerId: local });
  });
});
