import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A system the store's customer ids come from, and how many of its ids the store holds. */
export type CustomerIdSource = { source: string; ids: number };

/**
 * The sources of the stored customer ids, the most ids first: a customer_id is looked up among
 * its own source's ids only, so an importer must send the source the customers came with.
 */
export async function listCustomerIdSources(db: Kysely<Database>): Promise<CustomerIdSource[]> {
  const rows = await db.selectFrom('customer_identity')
    .select((eb) => ['namespace', eb.fn.countAll<string>().as('ids')])
    .where('kind', '=', 'external')
    .groupBy('namespace')
    .orderBy('ids', 'desc').orderBy('namespace')
    .execute();
  return rows.map((row) => ({ source: row.namespace, ids: Number(row.ids) }));
}
