import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { countCustomers, listCustomers } from './list-customers.js';

// A shop in Riga types "riga" for Rīga and "liepaja" for Liepāja: the filter folds accents and case.
describeEachStore('the customer list filtered by a city written without its accents', (context) => {
  const cities = ['Rīga', 'RĪGA', 'riga', 'Liepāja', 'Rīgas rajons', 'Jakarta', null];

  beforeAll(async () => {
    for (const [index, city] of cities.entries()) {
      await sql`insert into customer (customer_id, name, city) values (${index + 1}, ${`C${index + 1}`}, ${city})`.execute(context.store.db);
      await sql`insert into customer_trait (customer_id, revenue_minor, order_count) values (${index + 1}, 0, 0)`.execute(context.store.db);
    }
  });

  const citiesFound = async (city: string) => {
    const page = await listCustomers(context.store.db, { city, sort: 'recent', limit: 50 });
    const { count } = await countCustomers(context.store.db, { city });
    return { count, cities: page.items.map((item) => item.city) };
  };

  it('finds a city in any case, with or without its accents, and counts the same customers', async () => {
    expect(await citiesFound('riga')).toEqual({ count: 3, cities: ['riga', 'RĪGA', 'Rīga'] });
    expect(await citiesFound('RĪGA')).toEqual({ count: 3, cities: ['riga', 'RĪGA', 'Rīga'] });
    expect(await citiesFound('liepaja')).toEqual({ count: 1, cities: ['Liepāja'] });
    expect(await citiesFound('jakarta')).toEqual({ count: 1, cities: ['Jakarta'] });
  });

  it('compares through an index on the folded city, not row by row', async () => {
    const plan = await context.store.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const explained = await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer where lower(fold_accents(city)) = 'riga'`.execute(trx);
      return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('customer_city_folded_idx');
  });
});
