import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { customerFactsOfPage, type GroupMemberRow } from '../segments/index.js';
import { agreesToProfiling } from './persona-features.repo.js';

type Db = Kysely<Database>;

/*
 * Every read of membership checks consent again: a customer who withdrew it
 * (PATCH /api/customers) keeps their customer_persona row until the next
 * assignment reconsiders them, and must not be counted, listed or shown meanwhile.
 */
export const stillProfiled = sql`join customer c on c.customer_id = cp.customer_id and c.merged_into_customer_id is null and ${agreesToProfiling}`;

/** The customer ids of a persona's members now, as a subquery for reads that select by persona (drift). */
export function personaMemberIds(personaId: number): RawBuilder<{ customer_id: number }> {
  return sql<{ customer_id: number }>`select cp.customer_id from customer_persona cp ${stillProfiled} where cp.persona_id = ${personaId}`;
}

/** A member as GET /api/customers lists a customer, with when they were placed in the persona. */
export type PersonaMemberRow = GroupMemberRow<'assigned_at'>;

/** Members of one persona in customer id order, resumable after the last id seen. */
export async function listPersonaMemberRows(db: Db, personaId: number, options: { limit: number; afterCustomerId?: number }): Promise<PersonaMemberRow[]> {
  const after = options.afterCustomerId === undefined ? sql`` : sql`and cp.customer_id > ${options.afterCustomerId}`;
  return customerFactsOfPage(db, sql`
    select cp.customer_id, cp.assigned_at from customer_persona cp ${stillProfiled}
    where cp.persona_id = ${personaId} ${after}
    order by cp.customer_id
    limit ${options.limit}`, 'assigned_at');
}

/**
 * Members per persona of a model, counted now: the stored profile's size is
 * that of the last full assignment, and ingest moves customers in and out
 * of personas between them.
 */
export async function countPersonaMembers(db: Db, modelId: number): Promise<Map<number, number>> {
  const result = await personaMemberCounts(modelId).execute(db);
  return new Map(result.rows.map((row) => [Number(row.persona_id), row.members]));
}

/**
 * The statement countPersonaMembers runs (a test reads its plan). Consent is read from the
 * narrow partial index customer_profiling_consent_idx, not from the wide customer rows.
 */
export function personaMemberCounts(modelId: number): RawBuilder<{ persona_id: number; members: number }> {
  return sql<{ persona_id: number; members: number }>`
    select cp.persona_id, count(*)::int as members
    from persona p join customer_persona cp on cp.persona_id = p.persona_id ${stillProfiled}
    where p.model_id = ${modelId} and p.retired_at is null
    group by cp.persona_id`;
}

export type CustomerPersona = { persona_id: number; name: string };

/** The persona a customer belongs to now; null when they have none (not a buyer, no profiling consent, or no personas yet). */
export async function findCustomerPersona(db: Db, customerId: number): Promise<CustomerPersona | null> {
  const result = await sql<CustomerPersona>`
    select p.persona_id, p.name from customer_persona cp ${stillProfiled}
      join persona p on p.persona_id = cp.persona_id and p.retired_at is null
    where cp.customer_id = ${customerId}`.execute(db);
  return result.rows[0] ?? null;
}
