import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { countCustomers, listCustomers } from './list-customers.js';

const names: Array<[id: number, name: string | null]> = [
  [1, 'Joko Gunawan'], [2, 'Rina Gunawan'], [3, 'Gunawan Santoso'], [4, 'Joko Santoso'], [5, 'PT Sinar Harapan 708, Tbk'],
  [6, 'CV Sinar Jaya'], [7, 'Budi Hartono'], [8, 'Siti Gunawati'], [9, null], [10, "Dewi O'Brien"], [11, 'Müller Ärzte GmbH'],
  [12, 'Toko Anak & Bapak'], [13, '#1 Fan Club'], [15, 'Jānis Bērziņš'], [16, 'Đặng Văn Lâm'], [17, 'Zoe Lemaire'],
];
/** Merged into customer 1: never listed, whatever it is called. */
const merged = { id: 14, name: 'Joko Gunawan' };

describeEachStore('customer search by the words of a name', (context) => {
  beforeAll(async () => {
    const db = context.store.db;
    for (const [id, name] of names) {
      await sql`insert into customer (customer_id, name) values (${id}, ${name})`.execute(db);
      await sql`insert into customer_trait (customer_id) values (${id})`.execute(db);
    }
    await sql`insert into customer (customer_id, name, merged_into_customer_id) values (${merged.id}, ${merged.name}, 1)`.execute(db);
  });

  /** Every customer the list holds for the search, walked page by page, and what the count says. */
  async function search(q: string): Promise<{ ids: number[]; count: number }> {
    const ids: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomers(context.store.db, { q, sort: 'name', limit: 2, cursor });
      ids.push(...page.items.map((item) => Number(item.customer_id)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { ids: ids.sort((a, b) => a - b), count: (await countCustomers(context.store.db, { q })).count };
  }

  const expectFound = async (q: string, ids: number[]) => expect({ q, ...(await search(q)) }).toEqual({ q, ids, count: ids.length });

  it('finds a family name, in any case, and a word by its beginning', async () => {
    for (const q of ['Gunawan', 'gunawan', 'GUNAWAN']) await expectFound(q, [1, 2, 3]);
    await expectFound('gunawa', [1, 2, 3, 8]);
    await expectFound('brien', [10]);
    await expectFound('MÜLL', [11]);
    await expectFound('ärzte', [11]);
  });

  it('finds a company by a word inside its name', async () => {
    await expectFound('Sinar', [5, 6]);
    await expectFound('harapan', [5]);
    await expectFound('tbk', [5]);
    await expectFound('708', [5]);
  });

  it('requires every word typed, in any order', async () => {
    await expectFound('joko gunawan', [1]);
    await expectFound('gunawan joko', [1]);
    await expectFound('joko gun', [1]);
    await expectFound('sinar jaya', [6]);
    await expectFound('sinar budi', []);
    // an email's local part is its words: the name it was made from is found
    await expectFound('joko.gunawan', [1]);
  });

  it('still finds the start of a name, punctuation and all', async () => {
    await expectFound('bud', [7]);
    await expectFound('budi h', [7]);
    await expectFound("dewi o'b", [10]);
    await expectFound('#', [13]);
  });

  it('treats query syntax and quotes as text, never as operators or an error', async () => {
    // as operators, ! and | would find Rina and Gunawan Santoso, or every Joko and Santoso
    await expectFound('gunawan & !joko', [1]);
    await expectFound('joko | santoso', [4]);
    await expectFound('anak & bapak', [12]);
    await expectFound('sinar:*', [5, 6]);
    await expectFound('(sinar', [5, 6]);
    await expectFound('gun<->joko', [1]);
    for (const q of ['a & b | !c:*', "'", "''", '\\', "sinar' | 'x", '!', ':*', "'); drop table customer; --"]) await expectFound(q, []);
    expect((await countCustomers(context.store.db, {})).count).toBe(names.length);
  });

  it('finds an external id in any system, exactly', async () => {
    const db = context.store.db;
    const ids: Array<[namespace: string, value: string, customerId: number]> = [
      ['loyalty_card', 'CARD-77', 7], ['shopify', '5512', 2], ['pos', '5512', 4], ['web', 'w-1', 3], ['zeta', 'Z9', 9],
    ];
    for (const [namespace, value, customerId] of ids) {
      await sql`insert into customer_identity (kind, namespace, value, customer_id) values ('external', ${namespace}, ${value}, ${customerId})`.execute(db);
    }
    await expectFound('CARD-77', [7]);
    await expectFound('5512', [2, 4]);
    // the first and last systems in key order, and a nameless customer
    await expectFound('w-1', [3]);
    await expectFound('Z9', [9]);
    await expectFound('CARD-7', []);
    await sql`delete from customer_identity where kind = 'external'`.execute(db);
  });

  it('finds an external id typed in the other case, or with spaces or dashes it does not have', async () => {
    const db = context.store.db;
    await sql`insert into customer_identity (kind, namespace, value, customer_id) values ('external', 'loyalty_card', 'LC1473828536', 7), ('external', 'web', 'card-77', 3)`.execute(db);
    for (const q of ['LC1473828536', 'lc1473828536', 'LC 1473828536', 'LC-1473828536', 'lc-1473 828536']) await expectFound(q, [7]);
    await expectFound('CARD-77', [3]);
    await expectFound('LC147382853', []);
    await sql`delete from customer_identity where kind = 'external'`.execute(db);
  });

  it("finds an order's customer by the order's external id, in either case", async () => {
    const db = context.store.db;
    for (const [source, externalId, customerId] of [['shop', 'O744-88', 4], ['pos', 'o744-88', 2], ['shop', 'O744-89', 6], ['web', 'W-1', 3]] as const) {
      await sql`insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
        values (${customerId}, ${source}, ${externalId}, now(), 'EUR', 100, 100, 'store', 'paid')`.execute(db);
    }
    await expectFound('O744-89', [6]);
    await expectFound('o744-89', [6]);
    await expectFound('O744-88', [2, 4]);
    await expectFound('w-1', [3]);
    await expectFound('O744-8', []);
    await sql`delete from customer_order`.execute(db);
  });

  it('finds the customer a merged-away customer number was merged into, along the chain of merges', async () => {
    const db = context.store.db;
    // 18 was merged into 14, which was merged into 1 (beforeAll)
    await sql`insert into customer (customer_id, name, merged_into_customer_id) values (18, null, ${merged.id})`.execute(db);
    for (const q of ['14', '#14', 'No. 14', '18', 'nr 18']) await expectFound(q, [1]);
    await expectFound('1', [1, 13]);
  });

  it('folds accents on both sides of a name search', async () => {
    for (const q of ['Janis Berzins', 'janis berz', 'BERZINS', 'Jānis Bērziņš', 'jan']) await expectFound(q, [15]);
    await expectFound('Dang Van Lam', [16]);
    await expectFound('dang', [16]);
    await expectFound('Zoë', [17]);
    await expectFound('muller arzte', [11]);
    // a name typed with combining marks, as some keyboards send it
    await expectFound('Ja\u0304nis', [15]);
    await expectFound('Janos', []);
  });

  it('ignores a search of nothing but spaces, listing the nameless too', async () => {
    const everyone = names.map(([id]) => id);
    for (const q of ['', '   ', '\t']) await expectFound(q, everyone);
  });
});
