import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { compileFilter, matchingCustomers } from './compile-filter.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { parseFilter } from './filter-schema.js';

/**
 * The compiler restates some conditions for speed (age on birth_year, days
 * since last purchase on last_purchase_at, counts on the bare trait column,
 * whole numbers as bigint). Each restated condition must select exactly the
 * customers of the plain definition, written here by hand, including at the
 * edges: a last purchase exactly n days before as-of (and a microsecond either
 * side), unknown birth years, customers without purchase facts, and under `not`.
 */
const asOf = new Date('2026-06-01T00:00:00Z');
const year = asOf.getUTCFullYear();
const ops = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
type Op = keyof typeof ops | 'between' | 'neq' | 'in' | 'nin';

const definitions = {
  age: `(${year} - c.birth_year)`,
  days_since_last_purchase: `floor(extract(epoch from (timestamptz '${asOf.toISOString()}' - t.last_purchase_at)) / 86400)`,
  revenue_minor: 'coalesce(t.revenue_minor, 0)',
  order_count: 'coalesce(t.order_count, 0)',
  customer_id: 'c.customer_id',
} as const;

function reference(field: keyof typeof definitions, op: Op, value: number | number[]): string {
  const expression = definitions[field];
  if (op === 'between') return `${expression} between ${(value as number[])[0]} and ${(value as number[])[1]}`;
  if (op === 'neq') return `${expression} is distinct from ${value as number}`;
  if (op === 'in') return `${expression} in (${(value as number[]).join(', ')})`;
  if (op === 'nin') return `not coalesce(${expression} in (${(value as number[]).join(', ')}), false)`;
  return `${expression} ${ops[op]} ${value as number}`;
}

const cases: Array<[keyof typeof definitions, Op, number | number[]]> = [];
for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const) {
  for (const value of [0, 1, 2.5, 30, 36]) cases.push(['age', op, value], ['days_since_last_purchase', op, value], ['order_count', op, value]);
  for (const value of [0, 500_000, 499_999.5]) cases.push(['revenue_minor', op, value]);
  cases.push(['customer_id', op, 12]);
}
for (const range of [[25, 45], [0, 30], [30, 30], [1, 2.5]]) for (const field of ['age', 'days_since_last_purchase', 'order_count', 'revenue_minor'] as const) cases.push([field, 'between', range]);
for (const list of [[0, 3], [30, 31], [2.5]]) for (const field of ['age', 'order_count'] as const) cases.push([field, 'in', list], [field, 'nin', list]);

describeEachStore('restated conditions select the same customers as their definitions', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    const asOfMs = asOf.getTime();
    const day = 86_400_000;
    // last purchases at whole days before as-of, and a microsecond either side of them
    const offsets = [0, 1, 2, 29, 30, 31, 36, 37].flatMap((days) => [days * day * 1000, days * day * 1000 - 1, days * day * 1000 + 1]);
    const rows = offsets.map((micros, index) => ({ id: index + 1, micros }));
    await sql`insert into customer (customer_id, name, birth_year) select g, 'C' || g, case when g % 7 = 0 then null else ${year} - (g % 45) end from generate_series(1, ${rows.length + 6}) g`.execute(db());
    for (const row of rows) {
      const last = new Date(asOfMs - Math.floor(row.micros / 1000));
      const extraMicros = row.micros % 1000;
      await sql`insert into customer_trait (customer_id, last_purchase_at, order_count, revenue_minor)
        values (${row.id}, ${last}::timestamptz - ${extraMicros} * interval '1 microsecond', ${row.id % 4}, ${[0, 499_999, 500_000, 500_001][row.id % 4]})`.execute(db());
    }
  });

  it.each(cases)('%s %s %j', async (field, op, value) => {
    const compiled = compileFilter(parseFilter({ field, op, value }), { asOf, catalog: await loadFilterCatalog(db()) });
    const negated = compileFilter(parseFilter({ not: { field, op, value } }), { asOf, catalog: await loadFilterCatalog(db()) });
    const ids = async (query: ReturnType<typeof matchingCustomers>) => (await query.execute(db())).rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
    const expected = (await sql<{ customer_id: number }>`
      select c.customer_id from customer c left join customer_trait t on t.customer_id = c.customer_id
      where ${sql.raw(reference(field, op, value))} order by 1`.execute(db())).rows.map((row) => Number(row.customer_id));
    const complement = (await sql<{ customer_id: number }>`
      select c.customer_id from customer c left join customer_trait t on t.customer_id = c.customer_id
      where not coalesce(${sql.raw(reference(field, op, value))}, false) order by 1`.execute(db())).rows.map((row) => Number(row.customer_id));
    expect(await ids(matchingCustomers(compiled))).toEqual(expected);
    expect(await ids(matchingCustomers(negated))).toEqual(complement);
  });
});
