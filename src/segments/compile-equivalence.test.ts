import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { calendarDayIn } from '../core/clock.js';
import { updateStoreSettings } from '../settings/index.js';
import { compileFilter, matchingCustomers } from './compile-filter.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { parseFilter } from './filter-schema.js';

/**
 * The compiler restates some conditions for speed (age on birth_year, days
 * since last purchase on last_purchase_at, counts on the bare trait column,
 * whole numbers as bigint). Each restated condition must select exactly the
 * customers of the plain definition, written here by hand, including at the
 * edges: a last purchase at the first instant of a store day n days before the
 * as-of day (and a microsecond either side), exactly n × 24 hours before as-of,
 * unknown birth years, customers without purchase facts, and under `not`. In a
 * zone without daylight saving time and in one where the days counted back
 * cross its start (New York, 8 March 2026).
 */
const ops = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
type Op = keyof typeof ops | 'between' | 'neq' | 'in' | 'nin';
type Field = 'age' | 'days_since_last_purchase' | 'revenue_minor' | 'order_count' | 'customer_id';

const stores = [
  { timeZone: 'Asia/Jakarta', asOf: new Date('2026-06-01T00:00:00Z') },
  { timeZone: 'America/New_York', asOf: new Date('2026-03-20T03:00:00Z') },
] as const;

function definitions(timeZone: string, asOfDay: string): Record<Field, string> {
  return {
    age: `(${asOfDay.slice(0, 4)} - c.birth_year)`,
    days_since_last_purchase: `(date '${asOfDay}' - (t.last_purchase_at at time zone '${timeZone}')::date)`,
    revenue_minor: 'coalesce(t.revenue_minor, 0)',
    order_count: 'coalesce(t.order_count, 0)',
    customer_id: 'c.customer_id',
  };
}

function reference(expression: string, op: Op, value: number | number[]): string {
  if (op === 'between') return `${expression} between ${(value as number[])[0]} and ${(value as number[])[1]}`;
  if (op === 'neq') return `${expression} is distinct from ${value as number}`;
  if (op === 'in') return `${expression} in (${(value as number[]).join(', ')})`;
  if (op === 'nin') return `not coalesce(${expression} in (${(value as number[]).join(', ')}), false)`;
  return `${expression} ${ops[op]} ${value as number}`;
}

const cases: Array<[Field, Op, number | number[]]> = [];
for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const) {
  for (const value of [0, 1, 2.5, 30, 36]) cases.push(['age', op, value], ['days_since_last_purchase', op, value], ['order_count', op, value]);
  for (const value of [0, 500_000, 499_999.5]) cases.push(['revenue_minor', op, value]);
  cases.push(['customer_id', op, 12]);
}
for (const range of [[25, 45], [0, 30], [30, 30], [1, 2.5]]) for (const field of ['age', 'days_since_last_purchase', 'order_count', 'revenue_minor'] as const) cases.push([field, 'between', range]);
for (const list of [[0, 3], [30, 31], [2.5]]) for (const field of ['age', 'order_count', 'days_since_last_purchase'] as const) cases.push([field, 'in', list], [field, 'nin', list]);

for (const { timeZone, asOf } of stores) {
  const asOfDay = calendarDayIn(asOf, timeZone);
  const year = Number(asOfDay.slice(0, 4));
  const definition = definitions(timeZone, asOfDay);
  // the zone matters only to the fields counted on the store's calendar
  const zoneCases = timeZone === 'Asia/Jakarta' ? cases : cases.filter(([field]) => field === 'days_since_last_purchase' || field === 'age');

  describeEachStore(`restated conditions select the same customers as their definitions (${timeZone})`, (context) => {
    const db = () => context.store.db;

    beforeAll(async () => {
      await updateStoreSettings(db(), { timezone: timeZone });
      const days = [0, 1, 2, 29, 30, 31, 36, 37];
      const edges = await sql<{ at: string }>`
        select e.at::text as at from unnest(${days}::int[]) k,
          lateral (values ((${asOfDay}::date - k)::timestamp at time zone ${timeZone}::text), (${asOf}::timestamptz - k * interval '1 day')) b(boundary),
          lateral (values (b.boundary - interval '1 microsecond'), (b.boundary), (b.boundary + interval '1 microsecond')) e(at)
        order by 1`.execute(db());
      const rows = edges.rows.length;
      await sql`insert into customer (customer_id, name, birth_year) select g, 'C' || g, case when g % 7 = 0 then null else ${year} - (g % 45) end from generate_series(1, ${rows + 6}) g`.execute(db());
      await sql`
        insert into customer_trait (customer_id, last_purchase_at, order_count, revenue_minor)
        select e.id, e.at::timestamptz, e.id % 4, (array[0, 499999, 500000, 500001])[e.id % 4 + 1]
        from unnest(${edges.rows.map((row) => row.at)}::text[]) with ordinality as e(at, id)`.execute(db());
    });

    it.each(zoneCases)('%s %s %j', async (field, op, value) => {
      const catalog = await loadFilterCatalog(db());
      const compiled = compileFilter(parseFilter({ field, op, value }), { asOf, catalog });
      const negated = compileFilter(parseFilter({ not: { field, op, value } }), { asOf, catalog });
      const ids = async (query: ReturnType<typeof matchingCustomers>) => (await query.execute(db())).rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
      const test = reference(definition[field], op, value);
      const expected = (await sql<{ customer_id: number }>`
        select c.customer_id from customer c left join customer_trait t on t.customer_id = c.customer_id
        where ${sql.raw(test)} order by 1`.execute(db())).rows.map((row) => Number(row.customer_id));
      const complement = (await sql<{ customer_id: number }>`
        select c.customer_id from customer c left join customer_trait t on t.customer_id = c.customer_id
        where not coalesce(${sql.raw(test)}, false) order by 1`.execute(db())).rows.map((row) => Number(row.customer_id));
      expect(await ids(matchingCustomers(compiled))).toEqual(expected);
      expect(await ids(matchingCustomers(negated))).toEqual(complement);
    });
  });
}
