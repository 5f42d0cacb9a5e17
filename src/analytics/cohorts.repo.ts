import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CohortActivityRow, CohortSummaryRow } from './cohorts.js';

/**
 * Purchase days are already store-time-zone days, so months need no conversion here. The within-horizon
 * figures are counted for every cohort; whether a cohort is old enough for them is the rules' call.
 */
export async function readCohortRows(db: Kysely<Database>, asOfDay: string, horizonDays: number): Promise<{ summaries: CohortSummaryRow[]; activity: CohortActivityRow[] }> {
  const days = sql`
    with day as (select customer_id, day, amount_minor from customer_purchase_day where day <= ${asOfDay}::date),
    first as (
      select customer_id, min(day) as first_day, (array_agg(day order by day))[2] as second_day
      from day group by customer_id
    )`;
  const [summaries, activity] = await Promise.all([
    sql<CohortSummaryRow>`${days}
      select to_char(first_day, 'YYYY-MM') as cohort, count(*)::int as customers, count(second_day)::int as "repeatCustomers",
        percentile_cont(0.5) within group (order by second_day - first_day)::float8 as "medianDaysToSecondPurchase",
        count(*) filter (where second_day - first_day <= ${horizonDays}::int)::int as "repeatCustomersWithinHorizon",
        percentile_cont(0.5) within group (order by second_day - first_day) filter (where second_day - first_day <= ${horizonDays}::int)::float8
          as "medianDaysToSecondPurchaseWithinHorizon"
      from first group by 1`.execute(db),
    sql<CohortActivityRow>`${days}
      select to_char(f.first_day, 'YYYY-MM') as cohort,
        ((extract(year from d.day) - extract(year from f.first_day)) * 12 + extract(month from d.day) - extract(month from f.first_day))::int as "monthIndex",
        count(distinct d.customer_id)::int as "activeCustomers", sum(d.amount_minor)::float8 as "revenueMinor"
      from day d join first f on f.customer_id = d.customer_id group by 1, 2`.execute(db),
  ]);
  return { summaries: summaries.rows, activity: activity.rows };
}
