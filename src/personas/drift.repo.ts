import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NumericSummary } from './drift.js';
import { stillProfiled } from './persona-members.repo.js';

type Db = Kysely<Database>;
export type Period = { from: Date; to: Date };
export type Counts = Map<string, number>;
/** Money per buyer, in minor units of the store's currency; null without buyers. */
export type SpendSummary = { meanMinor: number | null; medianMinor: number | null };

export type PeriodFacts = {
  customers: number;
  age: NumericSummary;
  logSpend: NumericSummary;
  orders: NumericSummary;
  /** Spend per buyer in the period, in minor units of the store's currency: the plain mean and the median. */
  spend: SpendSummary;
  ageBand: Counts;
  incomeBand: Counts;
  city: Counts;
  kind: Counts;
  channelOrders: Counts;
  categoryAmount: Counts;
  categoryLines: Counts;
};

const toCounts = (rows: Array<{ label: string | null; value: number }>): Counts => new Map(rows.map((row) => [row.label ?? '(unknown)', Number(row.value)]));

/**
 * What the group looked like in one period: the group's customers with at
 * least one purchase in [from, to), their demographics, and what they bought
 * then. `group` selects customer ids (null: every customer).
 */
export async function loadPeriodFacts(db: Db, group: RawBuilder<unknown> | null, period: Period): Promise<PeriodFacts> {
  const inGroup = group === null ? sql`` : sql`and o.customer_id in (${group})`;
  const paid = sql`o.status in ('paid', 'partially_refunded') and o.ordered_at >= ${period.from}::timestamptz and o.ordered_at < ${period.to}::timestamptz ${inGroup}`;
  const year = period.to.getUTCFullYear();
  const active = sql`(select o.customer_id, count(*) as orders, sum(o.amount_minor) as spend from customer_order o where ${paid} group by o.customer_id)`;
  const age = sql`case when ${year}::int - c.birth_year between 14 and 100 then ${year}::int - c.birth_year end`;
  const stats = (await sql<Record<string, number | null>>`
    select count(*)::int as customers, count(${age})::int as age_n, avg(${age})::float8 as age_mean, var_samp(${age})::float8 as age_var,
      avg(ln(1 + a.spend))::float8 as spend_mean, var_samp(ln(1 + a.spend))::float8 as spend_var, avg(a.spend)::float8 as spend_average, percentile_cont(0.5) within group (order by a.spend)::float8 as spend_median,
      avg(a.orders)::float8 as orders_mean, var_samp(a.orders)::float8 as orders_var
    from ${active} a join customer c on c.customer_id = a.customer_id`.execute(db)).rows[0];
  const byCustomer = async (label: RawBuilder<unknown>) => toCounts((await sql<{ label: string | null; value: number }>`
    select ${label} as label, count(*)::int as value from ${active} a join customer c on c.customer_id = a.customer_id group by 1`.execute(db)).rows);
  const ageBand = sql`case when ${age} is null then null when ${age} < 25 then '<25' when ${age} < 35 then '25-34' when ${age} < 45 then '35-44' when ${age} < 55 then '45-54' when ${age} < 65 then '55-64' else '65+' end`;
  const channelOrders = toCounts((await sql<{ label: string; value: number }>`select o.channel as label, count(*)::int as value from customer_order o where ${paid} group by 1`.execute(db)).rows);
  const categories = (await sql<{ label: string | null; amount: number; lines: number }>`
    select l.category as label, sum(l.quantity * l.unit_price_minor)::float8 as amount, count(*)::int as lines
    from customer_order o join order_line l on l.customer_id = o.customer_id and l.order_id = o.order_id where ${paid} group by 1`.execute(db)).rows;
  const customers = Number(stats.customers ?? 0);
  return {
    customers,
    age: { n: Number(stats.age_n ?? 0), mean: stats.age_mean, variance: stats.age_var },
    logSpend: { n: customers, mean: stats.spend_mean, variance: stats.spend_var },
    orders: { n: customers, mean: stats.orders_mean, variance: stats.orders_var },
    spend: { meanMinor: stats.spend_average, medianMinor: stats.spend_median },
    ageBand: await byCustomer(ageBand),
    incomeBand: await byCustomer(sql`c.income_band`),
    city: await byCustomer(sql`c.city`),
    kind: await byCustomer(sql`c.kind`),
    channelOrders,
    categoryAmount: toCounts(categories.map((row) => ({ label: row.label, value: row.amount }))),
    categoryLines: toCounts(categories.map((row) => ({ label: row.label, value: row.lines }))),
  };
}

/**
 * Active customers per current persona in a period, for growth and shrinkage: members now, so
 * one who withdrew profiling consent since their assignment is not counted (persona-members.repo.ts).
 */
export async function activeByPersona(db: Db, period: Period): Promise<Array<{ persona_id: number; customers: number }>> {
  const result = await sql<{ persona_id: number; customers: number }>`
    select cp.persona_id, count(*)::int as customers from customer_persona cp ${stillProfiled}
    where exists (select 1 from customer_order o where o.customer_id = cp.customer_id and o.status in ('paid', 'partially_refunded')
      and o.ordered_at >= ${period.from}::timestamptz and o.ordered_at < ${period.to}::timestamptz)
    group by cp.persona_id`.execute(db);
  return result.rows.map((row) => ({ persona_id: Number(row.persona_id), customers: Number(row.customers) }));
}
