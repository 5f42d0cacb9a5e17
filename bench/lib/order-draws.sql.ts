import { sql, type RawBuilder } from 'kysely';

/**
 * Rows i = from..to, each with four independent uniform draws u1..u4 in [0, 1)
 * taken from hashtext of the row number: the same on every run and every
 * store, with no random state to seed. The synthetic order generators of the
 * benches build customers, days, amounts and channels from these.
 */
export function orderDraws(from: number, to: number): RawBuilder<unknown> {
  return sql`
    select i,
      (abs(hashtext('c' || i)) % 1000003) / 1000003.0 as u1,
      (abs(hashtext('d' || i)) % 1000003) / 1000003.0 as u2,
      (abs(hashtext('a' || i)) % 1000003) / 1000003.0 as u3,
      (abs(hashtext('s' || i)) % 1000003) / 1000003.0 as u4
    from generate_series(${from}::int, ${to}::int) i`;
}
