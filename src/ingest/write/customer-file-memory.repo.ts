import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { identityTripleKey, toIdentityTriple, type IdentityTriple } from '../../customers/identity-resolution.js';
import type { CustomerRef } from '../canonical.js';

type Db = Kysely<Database>;

/** What a customer file gave a customer so far: a bit per field (see fieldNames in write-customers.ts) and the attribute names. */
export type GivenFields = { fields: number; attributes: Set<string> | null };

/** What the earlier batches of one customer-file import left for a batch, limited to the refs and customers the batch names. */
export type CustomerFileMemory = {
  /** First ref (by identityTripleKey) of each earlier accepted row, with its line. */
  firstRefLines: Map<string, number>;
  /** By customer id, for the customers who own one of the batch's refs. */
  given: Map<number, GivenFields>;
};

/**
 * Reads, in one round trip, the first refs of earlier rows among `refs` and
 * what the file gave the customers who own any of `refs`: every customer a
 * batch's rows resolve to that an earlier row named owns one of them, since an
 * earlier accepted row wrote its refs.
 */
export async function readCustomerFileMemory(db: Db, importId: number, refs: readonly CustomerRef[]): Promise<CustomerFileMemory> {
  const memory: CustomerFileMemory = { firstRefLines: new Map(), given: new Map() };
  const unique = new Map<string, IdentityTriple>();
  for (const ref of refs) unique.set(identityTripleKey(ref), toIdentityTriple(ref));
  if (unique.size === 0) return memory;
  const wanted = [...unique.values()];
  const result = await sql<{ kind: IdentityTriple['kind'] | null; namespace: string | null; value: string | null; line: number | null; customer_id: string | number | null; fields: number | null; attributes: string[] | null }>`
    with wanted as (
      select * from unnest(${wanted.map((i) => i.kind)}::text[], ${wanted.map((i) => i.namespace)}::text[], ${wanted.map((i) => i.value)}::text[])
        as wanted(kind, namespace, value)
    )
    select r.kind, r.namespace, r.value, r.line, null::bigint as customer_id, null::int as fields, null::text[] as attributes
    from import_seen_ref r join wanted on r.kind = wanted.kind and r.namespace = wanted.namespace and r.value = wanted.value
    where r.import_id = ${importId}::bigint
    union all
    select null, null, null, null, g.customer_id, g.fields, g.attributes
    from import_given g
    where g.import_id = ${importId}::bigint and g.customer_id in (
      select ci.customer_id from customer_identity ci
      join wanted on ci.kind = wanted.kind and ci.namespace = wanted.namespace and ci.value = wanted.value)`.execute(db);
  for (const row of result.rows) {
    if (row.customer_id === null) {
      memory.firstRefLines.set(identityTripleKey({ kind: row.kind!, namespace: row.namespace!, value: row.value! }), row.line!);
    } else {
      memory.given.set(Number(row.customer_id), { fields: row.fields!, attributes: row.attributes ? new Set(row.attributes) : null });
    }
  }
  return memory;
}

/**
 * Records a batch's accepted rows (first ref, line, customer) and the customers
 * whose given fields grew, in one round trip; call in the batch's transaction.
 */
export async function rememberCustomerFileRows(
  db: Db, importId: number,
  firstRefs: ReadonlyArray<{ ref: CustomerRef; line: number; customerId: number }>,
  given: ReadonlyArray<{ customerId: number } & GivenFields>,
): Promise<void> {
  if (firstRefs.length === 0 && given.length === 0) return;
  const triples = firstRefs.map(({ ref }) => toIdentityTriple(ref));
  await sql`
    with seen as (
      insert into import_seen_ref (import_id, kind, namespace, value, line, customer_id)
      select ${importId}::bigint, * from unnest(${triples.map((i) => i.kind)}::text[], ${triples.map((i) => i.namespace)}::text[],
        ${triples.map((i) => i.value)}::text[], ${firstRefs.map((r) => r.line)}::int[], ${firstRefs.map((r) => r.customerId)}::bigint[])
      on conflict do nothing
    )
    insert into import_given (import_id, customer_id, fields, attributes)
    select ${importId}::bigint, customer_id, fields, case when attributes is null then null else array(select jsonb_array_elements_text(attributes)) end
    from unnest(${given.map((g) => g.customerId)}::bigint[], ${given.map((g) => g.fields)}::int[],
      ${given.map((g) => (g.attributes ? JSON.stringify([...g.attributes]) : null))}::jsonb[]) as g(customer_id, fields, attributes)
    on conflict (import_id, customer_id) do update set fields = excluded.fields, attributes = excluded.attributes`.execute(db);
}

/** Deletes what an import remembered of its file; called when the import ends, however it ends. */
export async function forgetCustomerFile(db: Db, importId: number): Promise<void> {
  await sql`
    with seen as (delete from import_seen_ref where import_id = ${importId}::bigint)
    delete from import_given where import_id = ${importId}::bigint`.execute(db);
}
