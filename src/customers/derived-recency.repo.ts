import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database>;

/** A customer's RFM score with the analysis that made it, and how many of their orders it has not seen. */
export type CustomerRfm = {
  r_score: number; f_score: number; m_score: number; segment: string;
  /** The day the analysis scored as of (YYYY-MM-DD). */
  as_of: string;
  /** When that analysis started: orders recorded after it are not in the score. */
  analysed_at: Date;
  /** Orders recorded, changed, or moved in by a merge after analysed_at: not in the score. */
  orders_recorded_since: number;
};

export type DerivedRecency = { rfm: CustomerRfm | null; ordersSincePrediction: number };

/**
 * The customer's RFM score and how many of their orders were recorded, or changed (a refund, a
 * status), or moved to them by a merge that stands (customer_merge.moved's orderIds), after the
 * analysis that scored them and after their prediction was stored. Neither is kept current per
 * order as types are (nor by a merge), so an order dated inside the analysed period but imported
 * later (a late export), or brought by a merged customer, is missing from both, which the order's
 * date alone cannot tell. One statement: the latest run by primary key, the score and the prediction by customer, and the
 * customer's orders through the primary key's leading customer_id.
 */
export async function readDerivedRecency(db: Db, customerId: number): Promise<DerivedRecency> {
  const result = await sql<{
    r_score: number | null; f_score: number | null; m_score: number | null; segment: string | null; as_of: string | null;
    analysed_at: Date | null; rfm_since: number; prediction_since: number;
  }>`
    with run as (
      select started_at, as_of_day from analysis_run where rfm_scored is not null order by run_id desc limit 1
    ), score as (
      select s.r_score, s.f_score, s.m_score, s.segment, to_char(run.as_of_day, 'YYYY-MM-DD') as as_of, run.started_at as analysed_at
      from customer_rfm_score s cross join run where s.customer_id = ${customerId}::bigint
    ), made as (
      select score.*, (select p.predicted_at from customer_prediction p where p.customer_id = ${customerId}::bigint) as predicted_at
      from (values (1)) as one (x) left join score on true
    ), merged_in as (
      select (moved_order.order_id)::bigint as order_id, max(m.merged_at) as merged_at
      from customer_merge m cross join lateral jsonb_array_elements_text(m.moved -> 'orderIds') as moved_order (order_id)
      where m.kept_customer_id = ${customerId}::bigint and m.undone_at is null
      group by moved_order.order_id
    )
    select made.r_score, made.f_score, made.m_score, made.segment, made.as_of, made.analysed_at,
      since.rfm_since, since.prediction_since
    from made cross join lateral (
      select count(*) filter (where o.created_at > made.analysed_at or o.updated_at > made.analysed_at or mi.merged_at > made.analysed_at)::int as rfm_since,
        count(*) filter (where o.created_at > made.predicted_at or o.updated_at > made.predicted_at or mi.merged_at > made.predicted_at)::int as prediction_since
      from customer_order o left join merged_in mi on mi.order_id = o.order_id
      where o.customer_id = ${customerId}::bigint
        and (o.created_at > least(made.analysed_at, made.predicted_at) or o.updated_at > least(made.analysed_at, made.predicted_at)
          or mi.merged_at > least(made.analysed_at, made.predicted_at))
    ) since`.execute(db);
  const row = result.rows[0];
  const rfm = row && row.segment !== null && row.analysed_at !== null && row.as_of !== null
    ? {
      r_score: Number(row.r_score), f_score: Number(row.f_score), m_score: Number(row.m_score), segment: row.segment,
      as_of: row.as_of, analysed_at: row.analysed_at, orders_recorded_since: Number(row.rfm_since),
    }
    : null;
  return { rfm, ordersSincePrediction: Number(row?.prediction_since ?? 0) };
}
