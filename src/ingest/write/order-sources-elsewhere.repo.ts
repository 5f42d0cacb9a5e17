import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** A batch's unknown orders looked up elsewhere, at most this many: enough to say where a file's orders are, bounded for a file of nothing but unknown ids. */
const mostLookedUp = 1000;

/**
 * The other sources that hold orders of these ids, by id (sources in order): a lines file sent under
 * the wrong source finds none of its orders, and its rejects then say which source has them. The
 * unique key leads with the source and no index has the external id alone, so the few sources are
 * walked first (a loose index scan, as orders.repo.ts does) and each probed with the ids.
 */
export async function findOrderSourcesElsewhere(db: Kysely<Database>, orders: ReadonlyArray<{ source: string; externalId: string }>): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const ids = [...new Set(orders.map((order) => order.externalId))].slice(0, mostLookedUp);
  if (ids.length === 0) return found;
  const result = await sql<{ source: string; external_id: string }>`
    with recursive sources as (
      select min(source) as source from customer_order
      union all
      select (select min(o.source) from customer_order o where o.source > s.source) from sources s where s.source is not null
    )
    select o.source, o.external_id from sources s
    cross join lateral (select source, external_id from customer_order o where o.source = s.source and o.external_id = any(${ids}::text[])) o
    order by o.source`.execute(db);
  const asked = new Map(orders.map((order) => [order.externalId, order.source]));
  for (const row of result.rows) {
    if (asked.get(row.external_id) === row.source) continue;
    found.set(row.external_id, [...(found.get(row.external_id) ?? []), row.source]);
  }
  return found;
}
