import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { rfmSegmentGrid } from './rfm-segments.js';

/**
 * Scores every real customer in analysis_fact (see rfm.ts for the rule and the
 * tie-break) and brings customer_rfm in line: rows whose scores did not change
 * are left alone, customers no longer scored are removed. Only purchase days up
 * to the as-of day are in analysis_fact, so any as-of date is reproducible.
 * Changed rows are rewritten by an UPDATE joined to the scores: an upsert would
 * lock every existing row, changed or not, before judging it.
 */
export async function replaceRfmScores(db: Kysely<Database>, asOfDay: string, asOfInstant: Date): Promise<number> {
  const grid = rfmSegmentGrid();
  // cell (r, f) is element (r - 1) * 5 + f
  const segmentOfCell = sql`(${grid.map((cell) => cell.segment)}::text[])[(s.r_score - 1) * 5 + s.f_score]`;
  const at = sql`${asOfInstant}::timestamptz`;
  const result = await sql<{ scored: number }>`
    with scored as materialized (
      select s.*, ${segmentOfCell} as segment from (
        select customer_id, recency_days, frequency, monetary,
          ntile(5) over (order by recency_days desc, customer_id desc) as r_score,
          ntile(5) over (order by frequency, customer_id desc) as f_score,
          ntile(5) over (order by monetary, customer_id desc) as m_score
        from (
          select customer_id, ${asOfDay}::date - last_day as recency_days, purchase_day_count as frequency, total_revenue as monetary
          from analysis_fact where purchase_day_count > 0
        ) base
      ) s
    ), existing as materialized (
      -- read before the insert below: an anti-join against customer_rfm itself rescans
      -- the pages that insert adds, quadratic on a first run (76 s at 100k customers)
      select customer_id from customer_rfm
    ), removed as (
      delete from customer_rfm r where not exists (select 1 from scored s where s.customer_id = r.customer_id)
    ), updated as (
      update customer_rfm r set
        as_of = ${at}, recency_days = s.recency_days, frequency = s.frequency, monetary_minor = s.monetary,
        r_score = s.r_score, f_score = s.f_score, m_score = s.m_score, segment = s.segment
      from scored s
      where s.customer_id = r.customer_id
        and (r.as_of, r.recency_days, r.frequency, r.monetary_minor, r.r_score, r.f_score, r.m_score, r.segment)
          is distinct from (${at}, s.recency_days, s.frequency, s.monetary, s.r_score, s.f_score, s.m_score, s.segment)
    ), inserted as (
      insert into customer_rfm as r (customer_id, as_of, recency_days, frequency, monetary_minor, r_score, f_score, m_score, segment)
      select s.customer_id, ${at}, s.recency_days, s.frequency, s.monetary, s.r_score, s.f_score, s.m_score, s.segment
      from scored s where not exists (select 1 from existing e where e.customer_id = s.customer_id)
      -- a row written meanwhile by another transaction is brought in line rather than failing the run
      on conflict on constraint customer_rfm_pkey do update set
        as_of = excluded.as_of, recency_days = excluded.recency_days, frequency = excluded.frequency, monetary_minor = excluded.monetary_minor,
        r_score = excluded.r_score, f_score = excluded.f_score, m_score = excluded.m_score, segment = excluded.segment
    )
    select count(*)::int as scored from scored`.execute(db);
  return result.rows[0].scored;
}

export type RfmSegmentRow = { segment: string; customers: number; share: number; medianRecencyDays: number; averageFrequency: number; revenueMinor: number };
export type RfmCellRow = { r: number; f: number; customers: number };

export async function summarizeRfm(db: Kysely<Database>): Promise<{ asOf: Date | null; segments: RfmSegmentRow[]; grid: RfmCellRow[] }> {
  const [segments, grid, asOf] = await Promise.all([
    sql<RfmSegmentRow>`
      select segment, count(*)::int as customers, round(count(*) * 1.0 / sum(count(*)) over (), 4)::float8 as share,
        percentile_cont(0.5) within group (order by recency_days)::float8 as "medianRecencyDays",
        round(avg(frequency), 2)::float8 as "averageFrequency", sum(monetary_minor)::bigint as "revenueMinor"
      from customer_rfm group by segment order by customers desc, segment`.execute(db),
    sql<RfmCellRow>`select r_score::int as r, f_score::int as f, count(*)::int as customers from customer_rfm group by 1, 2 order by 1 desc, 2 desc`.execute(db),
    sql<{ as_of: Date | null }>`select max(as_of) as as_of from customer_rfm`.execute(db),
  ]);
  return {
    asOf: asOf.rows[0]?.as_of ?? null,
    segments: segments.rows.map((row) => ({ ...row, revenueMinor: Number(row.revenueMinor) })),
    grid: grid.rows,
  };
}
