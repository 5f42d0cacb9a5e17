import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * What the models and personas say of a member, for campaign tools that sync predictions as profile
 * fields (Klaviyo, Braze): null where nothing was predicted or no persona assigned.
 */
export type MemberPredictions = { clv_minor: number | null; p_alive: number | null; churn_risk: string | null; persona: string | null };

const nothingPredicted: MemberPredictions = { clv_minor: null, p_alive: null, churn_risk: null, persona: null };

/**
 * A page of members with their predictions, in the page's order. A persona is named only for a
 * customer who agreed to profiling, as the personas' own reads show one (persona-members.repo.ts):
 * a withdrawn consent keeps its customer_persona row until the next assignment.
 */
export async function withMemberPredictions<Row extends { customer_id: number }>(db: Kysely<Database>, rows: readonly Row[]): Promise<Array<Row & MemberPredictions>> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.customer_id);
  const found = await sql<MemberPredictions & { customer_id: number }>`
    select c.customer_id, p.clv_minor, p.p_alive, p.churn_risk, case when c.consent_profiling is true then pn.name end as persona
    from customer c
      left join customer_prediction p on p.customer_id = c.customer_id
      left join customer_persona cp on cp.customer_id = c.customer_id
      left join persona pn on pn.persona_id = cp.persona_id and pn.retired_at is null
    where c.customer_id = any(${ids}::bigint[])`.execute(db);
  const byCustomer = new Map(found.rows.map(({ customer_id: customerId, ...predictions }) => [Number(customerId), predictions]));
  return rows.map((row) => ({ ...row, ...(byCustomer.get(Number(row.customer_id)) ?? nothingPredicted) }));
}
