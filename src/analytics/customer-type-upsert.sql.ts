import { sql, type RawBuilder } from 'kysely';

/**
 * Writes customer_type rows from `rows` (a relation of customer_id, types,
 * primary_type, explanation, reasons, numbers) as of `at`: new customers are
 * inserted, and a stored row is rewritten only when something in it differs,
 * so re-judging an unchanged customer writes nothing. Used by the full run
 * for the customers it did not hold yet and by the ingest path for its batch.
 */
export function customerTypeUpsert(rows: RawBuilder<unknown>, at: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    insert into customer_type as t (customer_id, types, primary_type, explanation, reasons, numbers, as_of)
    select r.customer_id, r.types, r.primary_type, r.explanation, r.reasons, r.numbers, ${at} from ${rows} r
    on conflict on constraint customer_type_pkey do update set
      types = excluded.types, primary_type = excluded.primary_type, explanation = excluded.explanation,
      reasons = excluded.reasons, numbers = excluded.numbers, as_of = excluded.as_of, updated_at = now()
    where (t.as_of, t.types, t.primary_type, t.explanation, t.reasons, t.numbers)
      is distinct from (excluded.as_of, excluded.types, excluded.primary_type, excluded.explanation, excluded.reasons, excluded.numbers)`;
}
