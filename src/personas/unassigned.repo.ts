import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database>;

/** Why a customer asked for by id is in no persona: the rules of loadRawPage (persona-features.repo.ts), told apart. */
export type UnassignedReason = 'notFound' | 'mergedAway' | 'notBuyer' | 'noProfilingConsent';
export type Unassigned = { customerId: number; reason: UnassignedReason; mergedInto?: number };

/** Of these customer ids, those an assignment leaves out and why; ids it placed are not listed. */
export async function findUnassignable(db: Db, customerIds: number[]): Promise<Unassigned[]> {
  if (customerIds.length === 0) return [];
  const result = await sql<{ id: string; customer_id: string | null; merged_into_customer_id: string | null; order_count: number | null; consent_profiling: boolean | null }>`
    select i.id, c.customer_id, c.merged_into_customer_id, t.order_count, c.consent_profiling
    from unnest(${[...new Set(customerIds)]}::bigint[]) as i(id)
    left join customer c on c.customer_id = i.id
    left join customer_trait t on t.customer_id = c.customer_id
    order by i.id`.execute(db);
  const unassigned: Unassigned[] = [];
  for (const row of result.rows) {
    const customerId = Number(row.id);
    if (row.customer_id === null) unassigned.push({ customerId, reason: 'notFound' });
    else if (row.merged_into_customer_id !== null) unassigned.push({ customerId, reason: 'mergedAway', mergedInto: Number(row.merged_into_customer_id) });
    else if (!(Number(row.order_count ?? 0) > 0)) unassigned.push({ customerId, reason: 'notBuyer' });
    else if (row.consent_profiling !== true) unassigned.push({ customerId, reason: 'noProfilingConsent' });
  }
  return unassigned;
}
