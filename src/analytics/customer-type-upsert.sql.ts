import { sql, type RawBuilder } from 'kysely';

/**
 * Whether stored row `stored` must be rewritten with judged row `judged` as of
 * `at`: what it is built from differs (its basis, see basisOf in
 * classify.sql.ts), or it was judged after `at` (an earlier as-of re-run). A
 * row that still says the same keeps its as_of: numbers name days rather
 * than counting days since, so most customers' rows say the same from one day
 * to the next, and readers show the later of the row's as_of and the latest
 * full run's (see typesAsOf).
 */
export function typeRowDiffers(stored: RawBuilder<unknown>, judged: RawBuilder<unknown>, at: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${stored}.basis is distinct from ${judged}.basis or ${stored}.as_of > ${at})`;
}

/**
 * Writes customer_type rows from `rows` (a relation of customer_id, types,
 * primary_type, numbers, basis) as of `at`: new
 * customers are inserted, and a stored row is rewritten only when
 * typeRowDiffers, so re-judging an unchanged customer writes nothing. Used by
 * the full run for the customers it did not hold yet and by the ingest path
 * for its batch.
 */
export function customerTypeUpsert(rows: RawBuilder<unknown>, at: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    insert into customer_type as t (customer_id, types, primary_type, numbers, basis, as_of)
    select r.customer_id, r.types, r.primary_type, r.numbers, r.basis, ${at} from ${rows} r
    on conflict on constraint customer_type_pkey do update set
      types = excluded.types, primary_type = excluded.primary_type, numbers = excluded.numbers, basis = excluded.basis,
      as_of = excluded.as_of, updated_at = now()
    where ${typeRowDiffers(sql`t`, sql`excluded`, sql`excluded.as_of`)}`;
}

/**
 * The as-of a customer's types row is shown with: its own, or the latest full
 * run's when that is later (a run that found nothing new to say left the row
 * as it was).
 */
export function typesAsOf(rowAsOf: RawBuilder<unknown>): RawBuilder<Date> {
  return sql<Date>`greatest(${rowAsOf}, (select r.as_of from analysis_run r order by r.run_id desc limit 1))`;
}
