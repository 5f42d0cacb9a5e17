import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CustomerRef } from '../ingest/canonical.js';
import { identityTripleKey, resolveBatchIdentities, toIdentityTriple, type IdentityTriple } from './identity-resolution.js';

type Db = Kysely<Database>;

/** One index probe per identity, all in one round trip. */
export async function findCustomersByIdentities(db: Db, identities: IdentityTriple[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (identities.length === 0) return found;
  const result = await sql<{ kind: IdentityTriple['kind']; namespace: string; value: string; customer_id: number }>`
    select ci.kind, ci.namespace, ci.value, ci.customer_id
    from customer_identity ci
    join unnest(${identities.map((i) => i.kind)}::text[], ${identities.map((i) => i.namespace)}::text[], ${identities.map((i) => i.value)}::text[])
      as wanted(kind, namespace, value)
      on ci.kind = wanted.kind and ci.namespace = wanted.namespace and ci.value = wanted.value`.execute(db);
  for (const row of result.rows) found.set(identityTripleKey(row), row.customer_id);
  return found;
}

export async function allocateCustomerIds(db: Db, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('customer', 'customer_id'))::bigint as id from generate_series(1, ${count}::int)`.execute(db);
  return result.rows.map((row) => Number(row.id));
}

export async function insertIdentities(db: Db, rows: Array<{ identity: IdentityTriple; customerId: number }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into customer_identity (kind, namespace, value, customer_id)
    select * from unnest(${rows.map((r) => r.identity.kind)}::text[], ${rows.map((r) => r.identity.namespace)}::text[],
      ${rows.map((r) => r.identity.value)}::text[], ${rows.map((r) => r.customerId)}::bigint[])
    on conflict (kind, namespace, value) do nothing`.execute(db);
}

/**
 * Resolves each row's refs to a customer id, creating stub customers (known
 * only by an identity, completed when their customer row arrives) for people
 * seen for the first time. Returns ids in row order and the ids created.
 */
export async function resolveCustomerRefs(db: Db, rowRefs: CustomerRef[][]): Promise<{ customerIds: number[]; createdIds: number[] }> {
  const unique = new Map<string, IdentityTriple>();
  for (const refs of rowRefs) for (const ref of refs) unique.set(identityTripleKey(ref), toIdentityTriple(ref));
  const known = await findCustomersByIdentities(db, [...unique.values()]);
  const resolution = resolveBatchIdentities(rowRefs, known);
  const createdIds = await allocateCustomerIds(db, resolution.newCustomers.length);
  if (createdIds.length > 0) {
    const firstOf = (identities: IdentityTriple[], kind: 'email' | 'phone') => identities.find((i) => i.kind === kind)?.value ?? null;
    await sql`
      insert into customer (customer_id, is_stub, email, phone)
      select * from unnest(${createdIds}::bigint[], ${createdIds.map(() => true)}::boolean[],
        ${resolution.newCustomers.map((ids) => firstOf(ids, 'email'))}::text[], ${resolution.newCustomers.map((ids) => firstOf(ids, 'phone'))}::text[])`.execute(db);
    await sql`insert into customer_trait (customer_id) select unnest(${createdIds}::bigint[])`.execute(db);
  }
  await insertIdentities(db, [
    ...resolution.newIdentities,
    ...resolution.newCustomers.flatMap((identities, slot) => identities.map((identity) => ({ identity, customerId: createdIds[slot] }))),
  ]);
  const customerIds = resolution.assignments.map((assignment) => ('customerId' in assignment ? assignment.customerId : createdIds[assignment.slot]));
  return { customerIds, createdIds };
}
