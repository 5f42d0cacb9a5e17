import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { countCustomers, listCustomers } from './list-customers.js';

const customers: Array<[id: number, name: string, email: string]> = [
  [1, 'Surya Hakim', 'surya.hakim4242@hotmail.com'], [2, 'Surya Putra', 'surya.hakim99@gmail.com'], [3, 'Ana Lestari', 'ana@example.com'],
  [4, 'Ana Wijaya', 'ana@example.com.au'], [5, 'Bayu Asurya', 'asurya@example.com'], [6, 'Joko Santoso', '4242joko@example.com'],
  [7, 'Jānis Bērziņš', 'jānis.bērziņš@example.lv'], [9, 'Rina', 'xy.rare@example.com'],
];
/** Merged into customer 1: their address finds whom they went to. */
const merged = { id: 8, name: 'S. Hakim', email: 'hakim.old@yahoo.com' };

describeEachStore('customer search by the start of an email address', (context) => {
  beforeAll(async () => {
    const db = context.store.db;
    for (const [id, name, email] of customers) {
      await sql`insert into customer (customer_id, name, email) values (${id}, ${name}, ${email})`.execute(db);
      await sql`insert into customer_trait (customer_id) values (${id})`.execute(db);
      await sql`insert into customer_identity (kind, value, customer_id) values ('email', ${email}, ${id})`.execute(db);
    }
    await sql`insert into customer (customer_id, name, email, merged_into_customer_id) values (${merged.id}, ${merged.name}, ${merged.email}, 1)`.execute(db);
    await sql`insert into customer_identity (kind, value, customer_id) values ('email', ${merged.email}, ${merged.id})`.execute(db);
  });

  async function search(q: string): Promise<{ ids: number[]; count: number }> {
    const page = await listCustomers(context.store.db, { q, sort: 'recent', limit: 50 });
    const ids = page.items.map((item) => Number(item.customer_id)).sort((a, b) => a - b);
    return { ids, count: (await countCustomers(context.store.db, { q })).count };
  }
  const expectFound = async (q: string, ids: number[]) => expect({ q, ...(await search(q)) }).toEqual({ q, ids, count: ids.length });

  it('finds a customer by the part of the address before the @, in any letter case', async () => {
    await expectFound('surya.hakim4242', [1]);
    await expectFound('Surya.Hakim4242', [1]);
    await expectFound(' surya.hakim4242@ ', [1]);
    await expectFound('surya.hakim4242@hot', [1]);
  });

  it('finds every customer whose address starts with three characters or more, and none by fewer', async () => {
    await expectFound('surya.h', [1, 2]);
    // "sur" begins no name word of Bayu Asurya, and asurya@ does not start with it
    await expectFound('sur', [1, 2]);
    await expectFound('4242j', [6]);
    await expectFound('jānis.b', [7]);
    await expectFound('xy.', [9]);
    await expectFound('xy', []);
  });

  it('finds an address someone has as that address alone, not the longer ones it begins', async () => {
    await expectFound('ana@example.com', [3]);
    await expectFound('ana@example.com.', [3]);
    await expectFound('ana@example', [3, 4]);
  });

  it('finds whom a merged customer went to by the start of the merged address', async () => {
    await expectFound('hakim.old', [1]);
  });
});
