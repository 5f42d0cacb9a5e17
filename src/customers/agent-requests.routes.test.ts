import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

/** What a support agent sends as they would type or paste it: a card number read out, an address copied from a mail. */
describeEachStore('customer requests as a support agent writes them', (context) => {
  let app: FastifyInstance;
  let agent: TestSession;
  let card: number;
  let nimade: number;

  beforeAll(async () => {
    // a clock in 2025, so "this year" is not the year the test runs in
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-06-01T00:00:00Z') });
    agent = await signInAs(context.store, 'agent');
    const create = async (payload: Record<string, unknown>) => {
      const response = await app.inject({ method: 'POST', url: '/api/customers', headers: agent.headers, payload });
      expect(response.statusCode).toBe(201);
      return Number(response.json().customer.customer_id);
    };
    card = await create({ name: 'Kartika', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC0068890246' }] });
    nimade = await create({ name: 'Ni Made Santoso', email: 'nimade.santoso@gmail.com' });
    // two cards one letter case and a dash apart, held by two people
    await create({ name: 'Bayu', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'AB-12' }] });
    await create({ name: 'Citra', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'ab12' }] });
  });
  afterAll(async () => app?.close());

  const lookup = (namespace: string, value: string) =>
    app.inject({ method: 'GET', url: `/api/customers/lookup?kind=external&namespace=${namespace}&value=${encodeURIComponent(value)}`, headers: agent.readHeaders });

  it('looks up a loyalty card in the letter case, spaces and dashes the search takes', async () => {
    for (const value of ['LC0068890246', 'lc0068890246', 'lc-0068-890246', 'LC 0068 890246', ' Lc-0068 890246 ']) {
      const response = await lookup('loyalty_card', value);
      expect({ value, status: response.statusCode, customerId: response.json().customer?.customer_id }).toEqual({ value, status: 200, customerId: card });
    }
  });

  it('finds in a lookup no card of another system, and no card that differs by more than case, spaces and dashes', async () => {
    expect((await lookup('web_account', 'lc0068890246')).json().error).toMatchObject({
      code: 'CUSTOMER_NOT_FOUND', field: 'value', message: 'No customer has the web_account id "lc0068890246", in any letter case, with or without spaces, dashes, dots, slashes or underscores.',
    });
    expect((await lookup('loyalty_card', 'lc0068890247')).statusCode).toBe(404);
  });

  it('answers an id stored exactly, and refuses to guess between two customers whose ids differ only in case or dashes', async () => {
    expect((await lookup('loyalty_card', 'AB-12')).json().customer.name).toBe('Bayu');
    expect((await lookup('loyalty_card', 'ab12')).json().customer.name).toBe('Citra');
    const ambiguous = await lookup('loyalty_card', 'Ab-12');
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().error).toMatchObject({ code: 'CUSTOMER_LOOKUP_AMBIGUOUS', field: 'value' });
    expect(ambiguous.json().error.message).toContain('"AB-12"');
    expect(ambiguous.json().error.message).toContain('"ab12"');
  });

  it('refuses a birth year after the clock\'s year, on update and on create, naming the field', async () => {
    const patch = (birthYear: number) => app.inject({ method: 'PATCH', url: `/api/customers/${nimade}`, headers: agent.headers, payload: { birthYear } });
    const future = await patch(2026);
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'CUSTOMER_BIRTH_YEAR_INVALID', field: 'birthYear' });
    expect(future.json().error.message).toBe('birthYear: 2026 is after this year (2025), and nobody is born in the future; correct it (all four digits, e.g. 1985) or leave it out.');
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: agent.headers, payload: { name: 'Later', birthYear: 2030 } });
    expect(created.json().error).toMatchObject({ code: 'CUSTOMER_BIRTH_YEAR_INVALID', field: 'birthYear' });
    expect((await patch(2025)).json().customer.birth_year).toBe(2025);
  });

  it('finds a customer by an address pasted with its brackets, quotes or full stop', async () => {
    const search = async (q: string) => {
      const response = await app.inject({ method: 'GET', url: `/api/customers?q=${encodeURIComponent(q)}`, headers: agent.readHeaders });
      return response.json().items.map((item: { customer_id: number }) => Number(item.customer_id));
    };
    for (const q of ['nimade.santoso@gmail.com.', '<nimade.santoso@gmail.com>', 'Ni Made Santoso <nimade.santoso@gmail.com>', '"nimade.santoso@gmail.com",', '(NiMade.Santoso@gmail.com)']) {
      expect({ q, found: await search(q) }).toEqual({ q, found: [nimade] });
    }
  });

  it('tells an agent refused a deletion that deleting customers needs that permission, and who has it', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/api/customers/${nimade}`, headers: agent.headers });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN', details: { permission: 'customers:merge', roles: ['owner', 'admin'] } });
    expect(response.json().error.message).toBe(
      'This needs the "customers:merge" permission (for merging customers, undoing merges and deleting customers), which owners and admins have and your role "agent" does not; ask one of them.',
    );
  });
});
