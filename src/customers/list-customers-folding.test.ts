import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { systemClock } from '../core/clock.js';
import { updateStoreSettings } from '../settings/index.js';
import { countCustomers, listCustomers, type ListCustomersQuery } from './list-customers.js';

// Names as a support agent meets them: apostrophes of every kind, hyphens, accents, ties.
const names: Array<[id: number, name: string | null]> = [
  [1, "John O'Brien"], [2, 'Jon OBrien'], [3, 'Aoife O’Brien'], [4, 'Mary-Jane Watson'], [5, 'Mary Jane Holt'],
  [6, 'Siti Aminah'], [7, 'Ēriks Kalniņš'], [8, 'Eriks Ozols'], [9, 'eriks ozols'], [10, 'Eriks Ozols'],
  [11, null], [12, 'Ángel Ruiz'], [13, 'Zanda Līce'], [14, 'Ēriks Kalniņš'], [15, null], [16, 'ʼAkala Nui'],
  [17, 'Anna\u2010Liisa Virtanen'],
];

describeEachStore('customer search and the name sort, as an agent types names', (context) => {
  beforeAll(async () => {
    const db = context.store.db;
    for (const [id, name] of names) {
      await sql`insert into customer (customer_id, name, country) values (${id}, ${name}, ${id === 6 ? 'ID' : null})`.execute(db);
      await sql`insert into customer_trait (customer_id, order_count) values (${id}, ${id % 2})`.execute(db);
    }
    // Siti lives in Indonesia, in a store whose phone country is the US
    await sql`insert into customer_identity (kind, namespace, value, customer_id) values ('phone', '', '+6281234567890', 6)`.execute(db);
    await updateStoreSettings(db, { default_country: 'US' });
  });

  /** Every customer the list holds, walked page by page in `limit`s. */
  async function walk(query: ListCustomersQuery, limit: number, walkRows?: number): Promise<number[]> {
    const ids: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomers(context.store.db, { ...query, limit, cursor }, { walkRows });
      ids.push(...page.items.map((item) => Number(item.customer_id)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  const found = async (q: string) => (await walk({ q, sort: 'name' }, 50)).sort((a, b) => a - b);

  it('finds a name written with an apostrophe whether the search has one or not, of any kind', async () => {
    for (const q of ['obrien', "o'brien", 'O’Brien', 'oʼbrien', 'o`brien', 'OBRIEN', 'obri']) expect({ q, ids: await found(q) }).toEqual({ q, ids: [1, 2, 3] });
    // the words apart still find it, as they did
    expect(await found('brien')).toEqual([1, 3]);
    for (const q of ['john o brien', "john o'b", 'john o']) expect({ q, ids: await found(q) }).toEqual({ q, ids: [1] });
    expect(await found('akala')).toEqual([16]);
    expect((await countCustomers(context.store.db, { q: 'obrien' })).count).toBe(3);
  });

  it('reads a hyphen in a name or a search as a space', async () => {
    for (const q of ['mary jane', 'Mary-Jane', 'mary jan', 'jane']) expect({ q, ids: await found(q) }).toEqual({ q, ids: [4, 5] });
    expect(await found('watson mary')).toEqual([4]);
    // a typographic hyphen (U+2010), which the text-search parser would read as a letter
    for (const q of ['liisa', 'anna liisa', 'Anna-Liisa']) expect({ q, ids: await found(q) }).toEqual({ q, ids: [17] });
  });

  // folded lower name (Ángel, Anna, Aoife, Ēriks among the E's), then the name as written (byte order: E before e),
  // then the id; a space before a hyphen, a letter outside Latin last, the nameless after all
  const byName = [12, 17, 3, 7, 14, 8, 10, 9, 1, 2, 5, 4, 6, 13, 16, 11, 15];

  it('sorts names with their accents folded, ties by the name as written and then the id, the nameless last', async () => {
    expect(await walk({ sort: 'name' }, 50)).toEqual(byName);
  });

  it('pages through the name sort without a gap or a repeat at any page size, walking or sorting matches', async () => {
    for (const limit of [1, 2, 3]) {
      expect({ limit, ids: await walk({ sort: 'name' }, limit) }).toEqual({ limit, ids: byName });
      // a walk of two rows gives up at once, so pages come from sorting the matches
      expect({ limit, ids: await walk({ sort: 'name' }, limit, 2) }).toEqual({ limit, ids: byName });
      const real = byName.filter((id) => id % 2 === 1);
      expect({ limit, ids: await walk({ sort: 'name', status: 'real' }, limit) }).toEqual({ limit, ids: real });
      expect({ limit, ids: await walk({ sort: 'name', q: 'eriks' }, limit) }).toEqual({ limit, ids: [7, 14, 8, 10, 9] });
    }
  });

  it('walks the name sort on its index', async () => {
    const plan = await context.store.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer c where c.merged_into_customer_id is null
        order by coalesce((lower(fold_accents(nullif(c.name, ''))) || E'\\x01' || c.name) collate "C", ''), c.customer_id limit 5`.execute(trx)).rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('customer_sort_name_idx');
  });

  it('finds a phone typed in digits with its country code but no +, or with the + and spaces', async () => {
    for (const q of ['6281234567890', '62 812 3456 7890', '+62 812 3456 7890', '0062 812 3456 7890']) {
      const page = await listCustomers(context.store.db, { q });
      expect({ q, ids: page.items.map((item) => Number(item.customer_id)), hint: page.hint }).toEqual({ q, ids: [6], hint: undefined });
    }
  });

  it('says why a local number from another country finds no one, and how to write it', async () => {
    // a British number: no stored number is from there (an Indonesian one, 0812 3456 7890, finds customer 6)
    const page = await listCustomers(context.store.db, { q: '020 7946 0018' });
    expect(page.items).toEqual([]);
    expect(page.hint).toBe('"020 7946 0018" has no country code, so it was read as a US number (the store\'s country), and it is not one; '
      + 'nor a number of the countries the stored numbers are from: write it with its country code, e.g. +1 201 555 0123');
    expect(page).toMatchObject({ hintCode: 'phone_without_country_code', hintValues: { text: '020 7946 0018', country: 'US', example: '+1 201 555 0123' } });
    expect((await listCustomers(context.store.db, { q: '0812 3456 7890' })).items.map((item) => Number(item.customer_id))).toEqual([6]);
    const international = await listCustomers(context.store.db, { q: '+99 812 3456' });
    expect(international.hint).toContain('"+99 812 3456" is not a possible phone number for US');
    expect(international).toMatchObject({ hintCode: 'phone_not_possible', hintValues: { text: '+99 812 3456', country: 'US' } });
    // no hint for what is no phone, for a number that is one, or for a search that found someone
    for (const q of ['nobody', '12345', '+1 212 555 0134', '+62 812 3456 7890']) expect({ q, hint: (await listCustomers(context.store.db, { q })).hint }).toEqual({ q, hint: undefined });
  });

  it('gives no phone hint for a customer or order number that finds no one', async () => {
    for (const q of ['1234567', '123456789012345', '#12345678', 'No. 9876543']) {
      const page = await listCustomers(context.store.db, { q });
      expect({ q, ids: page.items, hint: page.hint }).toEqual({ q, ids: [], hint: undefined });
    }
  });

  it('gives the API the same name order and hint', async () => {
    const app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: systemClock });
    try {
      const { readHeaders } = await signInAs(context.store, 'analyst');
      const ids: number[] = [];
      let cursor = '';
      do {
        const page = (await app.inject({ method: 'GET', url: `/api/customers?sort=name&limit=2${cursor}`, headers: readHeaders })).json();
        ids.push(...page.items.map((item: { customer_id: number }) => Number(item.customer_id)));
        cursor = page.nextCursor ? `&cursor=${page.nextCursor}` : '';
      } while (cursor);
      expect(ids).toEqual(byName);
      const local = (await app.inject({ method: 'GET', url: `/api/customers?q=${encodeURIComponent('020 7946 0018')}`, headers: readHeaders })).json();
      expect(local).toMatchObject({
        items: [], nextCursor: null, hint: expect.stringContaining('write it with its country code, e.g. +1 201 555 0123'),
        hintCode: 'phone_without_country_code', hintValues: { text: '020 7946 0018', country: 'US', example: '+1 201 555 0123' },
      });
      const placeholder = (await app.inject({ method: 'GET', url: `/api/customers?q=${encodeURIComponent('+1 000 000 0000')}`, headers: readHeaders })).json();
      expect(placeholder).toMatchObject({ items: [], hintCode: 'phone_not_valid', hintValues: { text: '+1 000 000 0000', country: 'US' } });
      const digits = (await app.inject({ method: 'GET', url: '/api/customers?q=6281234567890', headers: readHeaders })).json();
      expect(digits.items.map((item: { customer_id: number }) => Number(item.customer_id))).toEqual([6]);
      expect(digits).not.toHaveProperty('hint');
      expect(digits).not.toHaveProperty('hintCode');
      expect(digits).not.toHaveProperty('hintValues');
    } finally {
      await app.close();
    }
  });
});
