import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';
import { listCustomers } from './list-customers.js';

const searchAndSort = '202612140300_customer_name_search_and_sort.sql';

/** A store migrated up to just before the new search and sort, holding customers, migrated the rest of the way. */
describeMigrationFromBefore(`migration ${searchAndSort}`, searchAndSort, async (db) => {
  for (const [id, name] of [[1, 'Siti Aminah'], [2, "John O'Brien"], [3, 'Ēriks Ozols'], [4, 'Jon OBrien']] as const) {
    await sql`insert into customer (customer_id, name) values (${id}, ${name})`.execute(db);
    await sql`insert into customer_trait (customer_id) values (${id})`.execute(db);
  }
}, (context) => {
  const ids = (page: { items: Array<{ customer_id: number }> }) => page.items.map((item) => Number(item.customer_id));

  it('finds the customers it already held with or without an apostrophe, through the rebuilt words index', async () => {
    for (const q of ['obrien', "o'brien"]) expect({ q, ids: ids(await listCustomers(context.store.db, { q, sort: 'name' })) }).toEqual({ q, ids: [2, 4] });
    const plan = await context.store.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer c
        where to_tsvector('simple', name_search_text(coalesce(c.name, ''))) @@ to_tsquery('simple', 'obrien:*')`.execute(trx)).rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('customer_name_words_idx');
  });

  it('sorts the customers it already held by their folded names', async () => {
    expect(ids(await listCustomers(context.store.db, { sort: 'name' }))).toEqual([3, 2, 4, 1]);
  });
});
