import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { encodeCursor } from '../core/cursor.js';
import { customerSorts, type CustomerSort } from './customer-sorts.js';
import { countCustomers, listCustomers, type ListCustomersQuery } from './list-customers.js';

type Planted = { id: number; name: string | null; revenue: number; lastPurchase: string | null; types: string[] | null; isMerged: boolean };

// Ties on purpose: equal spend, equal last purchase to the microsecond, names equal
// once lower-cased, no name, never bought; plus a merged customer who must not show.
const planted: Planted[] = Array.from({ length: 40 }, (_, index) => {
  const id = index + 1;
  const hasBought = id % 5 !== 0;
  return {
    id,
    name: id % 7 === 0 ? null : ['ana', 'Budi', 'budi', 'Citra', 'dewi', 'Eka'][id % 6],
    revenue: hasBought ? [50000, 120000, 120000, 990000][id % 4] : 0,
    lastPurchase: hasBought ? `2024-0${1 + (id % 3)}-1${id % 2} 10:00:00.12345${id % 2}+00` : null,
    types: id % 3 === 0 ? ['vip', 'loyal'] : id % 3 === 1 ? ['new'] : null,
    isMerged: id === 11,
  };
});

const byNumberDesc = (a: number, b: number) => b - a;
const instant = (text: string | null) => (text === null ? -Infinity : Date.parse(text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1').replace(/\+00$/, 'Z')) + Number(text.match(/\.\d{3}(\d+)/)?.[1] ?? 0) / 1000);

/** The order each sort promises, written over the planted rows. */
const expectedOrder: Record<CustomerSort, (a: Planted, b: Planted) => number> = {
  recent: (a, b) => byNumberDesc(a.id, b.id),
  revenue: (a, b) => byNumberDesc(a.revenue, b.revenue) || byNumberDesc(a.id, b.id),
  last_purchase: (a, b) => byNumberDesc(instant(a.lastPurchase), instant(b.lastPurchase)) || byNumberDesc(a.id, b.id),
  // the named A to Z, ties by the name as written (Budi before budi), then the nameless by id
  name: (a, b) => Number(a.name === null) - Number(b.name === null) || (a.name ?? '').toLowerCase().localeCompare((b.name ?? '').toLowerCase(), 'en')
    || Number((a.name ?? '') > (b.name ?? '')) - Number((a.name ?? '') < (b.name ?? '')) || a.id - b.id,
};

describeEachStore('customer list paging', (context) => {
  beforeAll(async () => {
    const db = context.store.db;
    for (const customer of planted) {
      await sql`insert into customer (customer_id, name, city, merged_into_customer_id) values (${customer.id}, ${customer.name}, ${customer.id % 2 ? 'Bandung' : 'Jakarta'}, ${customer.isMerged ? 1 : null})`.execute(db);
      if (customer.isMerged) continue;
      await sql`insert into customer_trait (customer_id, revenue_minor, order_count, last_purchase_at, first_purchase_at)
        values (${customer.id}, ${customer.revenue}, ${customer.revenue > 0 ? 2 : 0}, ${customer.lastPurchase}::timestamptz, ${customer.lastPurchase}::timestamptz)`.execute(db);
      if (customer.types) {
        await sql`insert into customer_type (customer_id, types, primary_type, numbers, as_of)
          values (${customer.id}, ${customer.types}::text[], ${customer.types[0]}, '{}'::jsonb, now())`.execute(db);
      }
    }
  });

  async function walk(query: ListCustomersQuery, walkRows?: number): Promise<number[]> {
    const ids: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const result = await listCustomers(context.store.db, { ...query, limit: 3, cursor }, { walkRows });
      ids.push(...result.items.map((item) => Number(item.customer_id)));
      if (!result.nextCursor) return ids;
      cursor = result.nextCursor;
    }
    throw new Error('the list never ended');
  }

  const visible = planted.filter((customer) => !customer.isMerged);
  const filters: Array<[string, Omit<ListCustomersQuery, 'sort'>, (customer: Planted) => boolean]> = [
    ['no filter', {}, () => true],
    ['type vip', { type: 'vip' }, (customer) => customer.types?.includes('vip') === true],
    ['type new', { type: 'new' }, (customer) => customer.types?.includes('new') === true],
    ['leads', { status: 'lead' }, (customer) => customer.revenue === 0],
    ['name starting "bud"', { q: 'bud' }, (customer) => customer.name?.toLowerCase().startsWith('bud') === true],
    ['city and minimum spend', { city: 'BANDUNG', minRevenueMinor: 100000 }, (customer) => customer.id % 2 === 1 && customer.revenue >= 100000],
  ];

  for (const sort of ['recent', 'revenue', 'last_purchase', 'name'] as const) {
    it(`pages through every customer once, in ${sort} order, with each filter, three at a time across ties`, async () => {
      for (const [label, filter, matches] of filters) {
        const expected = visible.filter(matches).sort(expectedOrder[sort]).map((customer) => customer.id);
        expect(expected.length, label).toBeGreaterThan(1);
        expect({ label, ids: await walk({ ...filter, sort }) }).toEqual({ label, ids: expected });
        // a walk of two rows rarely fills a page of three: most pages come from sorting the matches
        expect({ label, shortWalk: await walk({ ...filter, sort }, 2) }).toEqual({ label, shortWalk: expected });
      }
    });
  }

  it('counts what the list holds under each filter, merged customers left out', async () => {
    for (const [label, filter, matches] of [...filters, ['a rare channel', { channel: 'phone' }, () => false] as const]) {
      expect({ label, count: (await countCustomers(context.store.db, filter)).count }).toEqual({ label, count: visible.filter(matches).length });
    }
    expect((await countCustomers(context.store.db, { q: '#12' })).count).toBe(1);
    // merged into 1: its number finds the customer it became, once
    expect((await countCustomers(context.store.db, { q: '11' })).count).toBe(1);
  });

  it('finds a customer by the number the app shows, written any of the ways people copy it', async () => {
    const ids = async (q: string) => (await listCustomers(context.store.db, { q, limit: 10 })).items.map((item) => Number(item.customer_id));
    for (const q of ['12', '#12', 'No. 12', 'no.12', 'Nr. 12', ' 12 ']) expect(await ids(q), q).toEqual([12]);
    // a merged customer stays out of the list, its number finding the customer it was merged into; a number no customer has finds nothing
    expect(await ids('11')).toEqual([1]);
    expect(await ids('999999999999')).toEqual([]);
    expect(await ids('12a')).toEqual([]);
  });

  it('refuses a cursor made for another sort order instead of answering wrongly', async () => {
    for (const made of customerSorts) {
      const cursor = (await listCustomers(context.store.db, { sort: made, limit: 2 })).nextCursor!;
      expect(cursor, made).toEqual(expect.any(String));
      for (const used of customerSorts) {
        const page = listCustomers(context.store.db, { sort: used, cursor });
        if (used === made) await expect(page, `${made} cursor with ${used}`).resolves.toMatchObject({ items: expect.any(Array) });
        else await expect(page, `${made} cursor with ${used}`).rejects.toMatchObject({ code: 'PAGINATION_CURSOR_INVALID' });
      }
    }
    // a cursor of the right order whose value is not of that order's kind, and one without an order
    await expect(listCustomers(context.store.db, { sort: 'revenue', cursor: encodeCursor('a lot', 3, 'revenue') })).rejects.toMatchObject({ code: 'PAGINATION_CURSOR_INVALID' });
    await expect(listCustomers(context.store.db, { sort: 'last_purchase', cursor: encodeCursor('yesterday', 3, 'last_purchase') })).rejects.toMatchObject({ code: 'PAGINATION_CURSOR_INVALID' });
    await expect(listCustomers(context.store.db, { sort: 'recent', cursor: encodeCursor(5, 3) })).rejects.toMatchObject({ code: 'PAGINATION_CURSOR_INVALID' });
  });
});
