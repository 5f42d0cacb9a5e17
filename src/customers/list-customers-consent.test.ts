import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { countCustomers, listCustomers } from './list-customers.js';

// A marketer exports whom they may email: only a recorded yes, never "not asked".
describeEachStore('the customer list filtered by consent', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  // [email, sms, profiling] per customer 1..6
  const consents: Array<[boolean | null, boolean | null, boolean | null]> = [
    [true, null, true], [false, true, null], [null, true, false], [true, true, true], [null, null, null], [true, false, null],
  ];

  beforeAll(async () => {
    for (const [index, [email, sms, profiling]] of consents.entries()) {
      await sql`insert into customer (customer_id, name, consent_email, consent_sms, consent_profiling) values (${index + 1}, ${`C${index + 1}`}, ${email}, ${sms}, ${profiling})`.execute(context.store.db);
      await sql`insert into customer_trait (customer_id, revenue_minor, order_count) values (${index + 1}, 0, 0)`.execute(context.store.db);
    }
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-01-01T00:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const idsOf = (items: Array<{ customer_id: number }>) => items.map((item) => Number(item.customer_id)).sort((a, b) => a - b);

  it('keeps only the customers who said yes, leaving out those who said no and those never asked, and counts the same', async () => {
    for (const [consent, expected] of [['email', [1, 4, 6]], ['sms', [2, 3, 4]], ['profiling', [1, 4]]] as const) {
      const page = await listCustomers(context.store.db, { consent, sort: 'recent', limit: 50 });
      expect(idsOf(page.items)).toEqual(expected);
      expect(await countCustomers(context.store.db, { consent })).toEqual({ count: expected.length });
    }
    // walking the sort order row by row answers the same as taking the matches
    expect(idsOf((await listCustomers(context.store.db, { consent: 'email', sort: 'name', limit: 2 }, { walkRows: 3 })).items)).toHaveLength(2);
  });

  it('takes the filter over HTTP on the list and its count, which agree, and names the allowed values for a wrong one', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/customers?consent=EMAIL&limit=50', headers: analyst.readHeaders });
    expect(list.statusCode).toBe(200);
    expect(idsOf(list.json().items)).toEqual([1, 4, 6]);
    const count = await app.inject({ method: 'GET', url: '/api/customers/count?consent=email', headers: analyst.readHeaders });
    expect(count.json()).toEqual({ count: list.json().items.length });
    const wrong = await app.inject({ method: 'GET', url: '/api/customers/count?consent=newsletter', headers: analyst.readHeaders });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ field: 'consent', message: expect.stringContaining('"newsletter" is not a kind of consent. Use one of: email, sms, whatsapp, profiling') });
  });

});
