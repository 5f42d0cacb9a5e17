import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { matchingCustomers } from './compile-filter.js';
import { createSegment, listSegmentMembers, refreshSegment, prepareFilter } from './segments.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

// A shop in Riga types "riga" for Rīga, as it does in the customer list's city filter (list-customers-city.test.ts).
describeEachStore('a segment condition on a city or region written without its accents', (context) => {
  const db = () => context.store.db;
  const people: Array<[number, string | null, string | null]> = [
    [1, 'Rīga', 'Rīgas reģions'], [2, 'RĪGA', null], [3, 'riga', 'Rigas regions'], [4, 'Liepāja', 'Kurzeme'],
    [5, 'Rīgas rajons', null], [6, 'Jakarta', 'DKI Jakarta'], [7, null, null],
  ];

  beforeAll(async () => {
    for (const [id, city, region] of people) {
      await sql`insert into customer (customer_id, name, city, region) values (${id}, ${`C${id}`}, ${city}, ${region})`.execute(db());
    }
  });

  const members = async (name: string, filter: unknown) => {
    await createSegment(db(), { name, filter }, { actor: 'test', clock });
    return (await listSegmentMembers(db(), name, { limit: 100 })).items.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  };

  it.each([
    ['city is riga', { field: 'city', op: 'eq', value: 'riga' }, [1, 2, 3]],
    ['city is LIEPAJA', { field: 'city', op: 'eq', value: 'LIEPAJA' }, [4]],
    ['city in riga, liepaja', { field: 'city', op: 'in', value: ['riga', 'liepaja'] }, [1, 2, 3, 4]],
    ['city is not riga', { field: 'city', op: 'neq', value: 'riga' }, [4, 5, 6, 7]],
    ['city not in riga', { field: 'city', op: 'nin', value: ['riga'] }, [4, 5, 6, 7]],
    ['city starts with rig', { field: 'city', op: 'starts_with', value: 'rig' }, [1, 2, 3, 5]],
    ['city contains epaj', { field: 'city', op: 'contains', value: 'epaj' }, [4]],
    ['region is rigas regions', { field: 'region', op: 'eq', value: 'rigas regions' }, [1, 3]],
    ['region is Rīgas reģions', { field: 'region', op: 'eq', value: 'Rīgas reģions' }, [1, 3]],
  ])('"%s" has the customers of that place in any spelling', async (name, filter, expected) => {
    expect(await members(name, filter)).toEqual(expected);
  });

  it('keeps the members of a segment over a city spelled exactly, refreshed again', async () => {
    expect(await members('exactly Jakarta', { field: 'city', op: 'eq', value: 'Jakarta' })).toEqual([6]);
    expect(await members('exactly Rīga', { field: 'city', op: 'eq', value: 'Rīga' })).toEqual([1, 2, 3]);
    const refresh = await refreshSegment(db(), 'exactly Jakarta', { clock });
    expect(refresh).toMatchObject({ entered: 0, left: 0, members: 1 });
  });
});

// enough customers in other cities for the planner to weigh an index, as at a real store
describeEachStore('a segment condition on a city, planned', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    await sql`
      insert into customer (customer_id, name, city)
      select g, 'C' || g, (array['Jakarta', 'Bandung', 'Surabaya', 'Malang', 'Liepāja', 'Rīga'])[1 + g % 6] || case when g % 6 < 4 then '' else ' ' || (g % 500) end
      from generate_series(1, 5000) g`.execute(db());
    await sql`analyze customer`.execute(db());
  });

  it('reads it from a folded-city index (the segments\' covering one or the customer list\'s)', async () => {
    const { compiled } = await prepareFilter(db(), { field: 'city', op: 'in', value: ['riga 5', 'Liepāja 4'] }, asOf);
    const plan = (await sql<{ 'QUERY PLAN': string }>`explain select count(*) from (${matchingCustomers(compiled)}) m`.execute(db())).rows
      .map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/customer_(segment_)?city_folded_idx/);
    expect(plan).not.toMatch(/Seq Scan on customer/);
  });
});
