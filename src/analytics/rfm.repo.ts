import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadIntoEmptyTables } from '../db/bulk-load.js';
import { rfmSegmentGrid } from './rfm-segments.js';

/**
 * Scores every real customer in analysis_fact (see rfm.ts for the rule and the
 * tie-break) and brings customer_rfm_score in line: rows whose scores and
 * figures did not change are left alone, customers no longer scored are
 * removed. A row names the last purchase day rather than the days since it
 * (the customer_rfm view works those out as of the latest run that scored RFM),
 * so a day with no purchases rewrites nothing. Only purchase days up to the
 * as-of day are in analysis_fact, so any as-of date is reproducible. The scores
 * are set beside the stored rows once (a full join) and only the differences
 * are written: an upsert would lock every existing row, changed or not.
 */
export async function replaceRfmScores(db: Kysely<Database>): Promise<number> {
  // a store's first scores: nothing to compare with, so a bulk load (bulk-load.ts)
  const first = await loadIntoEmptyTables(db, ['customer_rfm_score'], () => sql<{ scored: number }>`
    with scored as materialized (${scoredRows()}), inserted as (
      insert into customer_rfm_score (customer_id, last_purchase_day, frequency, monetary_minor, r_score, f_score, m_score, segment)
      select customer_id, last_day, frequency, monetary, r_score, f_score, m_score, segment from scored
    )
    select count(*)::int as scored from scored`.execute(db));
  if (first !== null) return first.rows[0].scored;
  const result = await sql<{ scored: number }>`
    with scored as materialized (${scoredRows()}), judged as materialized (
      select coalesce(s.customer_id, r.customer_id) as customer_id, s.last_day, s.frequency, s.monetary, s.r_score, s.f_score, s.m_score, s.segment,
        case when r.customer_id is null then 'new' when s.customer_id is null then 'removed'
          when (r.last_purchase_day, r.frequency, r.monetary_minor, r.r_score, r.f_score, r.m_score, r.segment)
            is distinct from (s.last_day, s.frequency, s.monetary, s.r_score, s.f_score, s.m_score, s.segment) then 'changed' end as change
      from scored s full join customer_rfm_score r on r.customer_id = s.customer_id
    ), removed as (
      delete from customer_rfm_score r using judged j where j.change = 'removed' and r.customer_id = j.customer_id
    ), updated as (
      update customer_rfm_score r set
        last_purchase_day = j.last_day, frequency = j.frequency, monetary_minor = j.monetary,
        r_score = j.r_score, f_score = j.f_score, m_score = j.m_score, segment = j.segment
      from judged j
      where j.change = 'changed' and r.customer_id = j.customer_id
    ), inserted as (
      insert into customer_rfm_score as r (customer_id, last_purchase_day, frequency, monetary_minor, r_score, f_score, m_score, segment)
      select j.customer_id, j.last_day, j.frequency, j.monetary, j.r_score, j.f_score, j.m_score, j.segment
      from judged j where j.change = 'new'
      -- a row written meanwhile by another transaction is brought in line rather than failing the run
      on conflict on constraint customer_rfm_score_pkey do update set
        last_purchase_day = excluded.last_purchase_day, frequency = excluded.frequency, monetary_minor = excluded.monetary_minor,
        r_score = excluded.r_score, f_score = excluded.f_score, m_score = excluded.m_score, segment = excluded.segment
    )
    select count(*)::int as scored from scored`.execute(db);
  return result.rows[0].scored;
}

/**
 * quintileScore in SQL: rank() − 1 customers come before the value, and count(*) over the same
 * ordering counts those up to its last peer, which is every real customer (`n`) only for the best
 * value; so one sort and one window serve each score (a repeated window call is computed once).
 */
function quintile(value: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(case when rank() over (order by ${value}) > 1 and count(*) over (order by ${value}) = total.n then 5
    else 1 + 5 * (rank() over (order by ${value}) - 1) / total.n end)::int`;
}

/** Every real customer in analysis_fact with their scores and segment. */
function scoredRows(): RawBuilder<unknown> {
  const grid = rfmSegmentGrid();
  // cell (r, f) is element (r - 1) * 5 + f
  const segmentOfCell = sql`(${grid.map((cell) => cell.segment)}::text[])[(s.r_score - 1) * 5 + s.f_score]`;
  return sql`
    select s.*, ${segmentOfCell} as segment from (
      select customer_id, last_day, frequency, monetary,
        -- the fifth a value's group of tied customers begins in, from worst to best, and the best value 5
        -- (rfm.ts, quintileScore); the most recent last purchase scores 5: by last day, which ranks as days since it would
        ${quintile(sql`last_day`)} as r_score,
        ${quintile(sql`frequency`)} as f_score,
        ${quintile(sql`monetary`)} as m_score
      from (
        select customer_id, last_day, purchase_day_count as frequency, total_revenue as monetary
        from analysis_fact where purchase_day_count > 0
      ) base, (select count(*) as n from analysis_fact where purchase_day_count > 0) total
    ) s`;
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
    sql<{ as_of: Date | null }>`select as_of from analysis_run where rfm_scored is not null order by run_id desc limit 1`.execute(db),
  ]);
  return {
    asOf: asOf.rows[0]?.as_of ?? null,
    segments: segments.rows.map((row) => ({ ...row, revenueMinor: Number(row.revenueMinor) })),
    grid: grid.rows,
  };
}
