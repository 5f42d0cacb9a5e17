import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CustomerRef } from '../ingest/canonical.js';
import { fillProfileContactsFromIdentities } from './profile-contact-fill.repo.js';
import { lockIdentityCreation } from './identity-locks.js';
import { identityTripleKey, resolveBatchIdentities, resolveFileRows, toIdentityTriple, type IdentityTriple, type Resolved } from './identity-resolution.js';

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

/** Each row's customer: the ids of people already known, and ids allocated (not yet written) for the rest. */
export type RefResolution = {
  /** In row order. */
  customerIds: number[];
  createdIds: number[];
  /** Identities of each created customer, in createdIds order. */
  newCustomers: IdentityTriple[][];
  /** Identities newly seen for customers already known. */
  newIdentities: Array<{ identity: IdentityTriple; customerId: number }>;
};

/**
 * Works out which customer each row's refs name, allocating ids for people
 * seen for the first time; nothing is written but the ids' sequence
 * (createResolvedCustomers writes them).
 */
export async function planCustomerRefs(db: Db, rowRefs: CustomerRef[][]): Promise<RefResolution> {
  const known = await findKnownRefs(db, rowRefs);
  const resolution = resolveBatchIdentities(rowRefs, known);
  const createdIds = await allocateCustomerIds(db, resolution.newCustomers.length);
  const customerIds = resolution.assignments.map((assignment) => ('customerId' in assignment ? assignment.customerId : createdIds[assignment.slot]));
  return { customerIds, createdIds, newCustomers: resolution.newCustomers, newIdentities: resolution.newIdentities };
}

/** A refused customer-file row (see resolveFileRows), with customer ids in place of slots. */
export type FileRowRefusal =
  | { row: number; kind: 'unnamed' }
  | { row: number; kind: 'duplicate'; ref: CustomerRef; line: number }
  | { row: number; kind: 'taken'; ref: CustomerRef; customerId: number; ownerId: number };

export type FileRefResolution = RefResolution & {
  /** Refused rows, whose entries in customerIds mean nothing; nothing of them is written. */
  refusals: FileRowRefusal[];
  addsIdentity: boolean[];
  /** Stubs a row joined, to be merged into the row's customer (`customerId`) before the row is written. */
  joins: Array<{ row: number; customerId: number; mergedIds: number[] }>;
};

/**
 * planCustomerRefs for the rows of a customer file: rows are resolved in file
 * order, and a row naming an id twice or taking another customer's email or
 * phone is refused before anything is written (see resolveFileRows).
 */
export async function planCustomerFileRefs(
  db: Db, rows: ReadonlyArray<{ refs: CustomerRef[]; line: number }>, earlierFirstRefs: ReadonlyMap<string, number>,
): Promise<FileRefResolution> {
  const known = await findKnownRefs(db, rows.map((row) => row.refs));
  const stubs = await findStubs(db, [...new Set(known.values())]);
  const resolution = resolveFileRows(rows, known, earlierFirstRefs, stubs);
  const createdIds = await allocateCustomerIds(db, resolution.newCustomers.length);
  const idOf = (resolved: Resolved) => ('customerId' in resolved ? resolved.customerId : createdIds[resolved.slot]);
  const refusals = resolution.refusals.map((refusal): FileRowRefusal =>
    refusal.kind === 'taken'
      ? { row: refusal.row, kind: 'taken', ref: refusal.ref, customerId: idOf(refusal.resolved), ownerId: idOf(refusal.owner) }
      : refusal);
  return {
    customerIds: resolution.assignments.map(idOf), createdIds, newCustomers: resolution.newCustomers, newIdentities: resolution.newIdentities,
    refusals, addsIdentity: resolution.addsIdentity,
    joins: resolution.joins.map((join) => ({ row: join.row, customerId: idOf(join.kept), mergedIds: join.mergedIds })),
  };
}

/** Which of these customers are stubs: known only from orders or events, never described by a customer row or the API. */
async function findStubs(db: Db, customerIds: number[]): Promise<Set<number>> {
  if (customerIds.length === 0) return new Set();
  const result = await sql<{ customer_id: number }>`
    select customer_id from customer where customer_id = any(${customerIds}::bigint[]) and is_stub`.execute(db);
  return new Set(result.rows.map((row) => Number(row.customer_id)));
}

/**
 * The customers the refs name. When some are not known, their creation is locked (lockIdentityCreation)
 * and they are looked up again: a request that held the lock may have created them meanwhile.
 */
async function findKnownRefs(db: Db, rowRefs: CustomerRef[][]): Promise<Map<string, number>> {
  const unique = new Map<string, IdentityTriple>();
  for (const refs of rowRefs) for (const ref of refs) unique.set(identityTripleKey(ref), toIdentityTriple(ref));
  const found = await findCustomersByIdentities(db, [...unique.values()]);
  const missing = [...unique.entries()].filter(([key]) => !found.has(key)).map(([, identity]) => identity);
  if (missing.length === 0) return found;
  await lockIdentityCreation(db, missing);
  for (const [key, customerId] of await findCustomersByIdentities(db, missing)) found.set(key, customerId);
  return found;
}

/** What a customer file says about a person, written whole when the person is new. */
export type NewCustomerRow = {
  kind: string | null; name: string | null; email: string | null; phone: string | null; birthYear: number | null;
  gender: string | null; city: string | null; region: string | null; country: string | null; incomeBand: string | null;
  consentEmail: boolean | null; consentSms: boolean | null; consentWhatsapp: boolean | null; consentProfiling: boolean | null; createdAt: Date | null;
  attributes: Record<string, unknown> | null; importId: number; importLine: number;
};

/**
 * Writes the customers a resolution created, with their facts row and
 * identities, and the new identities of known customers. A created customer
 * with a row in `described` (a customer file's) is written whole; the others
 * are stubs, known only by an identity and completed when their customer row
 * arrives. Writing a new person whole, rather than as a stub updated twice,
 * costs a third of the time. A stub is known since the time of the order or
 * event that made it (`firstSeenAt`), not since the import ran: a lead from a
 * file of last year's events is not new this morning. A stub takes the name and the place its
 * order gave (`stubFacts`), so a buyer known only from an orders export can be found by name and
 * counted where they live.
 * A known customer's empty email or phone takes the first one newly attached to them
 * (fillProfileContactsFromIdentities says when it does not).
 */
/** For each customer a resolution creates, the earliest time among the rows (orders, events) resolved to it; `rowTimes` follows the resolution's rows. */
export function firstSeenOfCreated(resolution: RefResolution, rowTimes: readonly Date[]): Map<number, Date> {
  const created = new Set(resolution.createdIds);
  const firstSeen = new Map<number, Date>();
  resolution.customerIds.forEach((customerId, row) => {
    const time = rowTimes[row];
    if (!created.has(customerId) || time === undefined) return;
    const earlier = firstSeen.get(customerId);
    if (earlier === undefined || time < earlier) firstSeen.set(customerId, time);
  });
  return firstSeen;
}

/** What an order says of a buyer it creates as a stub: their name and where they live, each null when it does not say. */
export type StubFacts = { name: string | null; city: string | null; region: string | null; country: string | null };

export async function createResolvedCustomers(
  db: Db, resolution: RefResolution, described: ReadonlyMap<number, NewCustomerRow> = new Map(), firstSeenAt: ReadonlyMap<number, Date> = new Map(),
  stubFacts: ReadonlyMap<number, StubFacts> = new Map(),
): Promise<{ filledCustomerIds: number[] }> {
  const { createdIds, newCustomers } = resolution;
  if (createdIds.length > 0) {
    const firstOf = (slot: number, kind: 'email' | 'phone') => newCustomers[slot].find((i) => i.kind === kind)?.value ?? null;
    const rows = createdIds.map((customerId, slot) => ({ customerId, slot, row: described.get(customerId) ?? null }));
    const column = <T>(pick: (entry: (typeof rows)[number]) => T) => rows.map(pick);
    await sql`
      insert into customer (customer_id, is_stub, kind, name, email, phone, birth_year, gender, city, region, country, income_band,
        consent_email, consent_sms, consent_whatsapp, consent_profiling, created_at, attributes, import_id, import_line)
      select customer_id, is_stub, coalesce(kind, 'person'), name, email, phone, birth_year, gender, city, region, country, income_band,
        consent_email, consent_sms, consent_whatsapp, consent_profiling, coalesce(created_at, now()), coalesce(attributes, '{}'::jsonb), import_id, import_line
      from unnest(
        ${column((e) => e.customerId)}::bigint[], ${column((e) => e.row === null)}::boolean[], ${column((e) => e.row?.kind ?? null)}::text[],
        ${column((e) => e.row?.name ?? stubFacts.get(e.customerId)?.name ?? null)}::text[], ${column((e) => e.row?.email ?? firstOf(e.slot, 'email'))}::text[],
        ${column((e) => e.row?.phone ?? firstOf(e.slot, 'phone'))}::text[], ${column((e) => e.row?.birthYear ?? null)}::int[],
        ${column((e) => e.row?.gender ?? null)}::text[], ${column((e) => e.row?.city ?? stubFacts.get(e.customerId)?.city ?? null)}::text[],
        ${column((e) => e.row?.region ?? stubFacts.get(e.customerId)?.region ?? null)}::text[],
        ${column((e) => e.row?.country ?? stubFacts.get(e.customerId)?.country ?? null)}::text[], ${column((e) => e.row?.incomeBand ?? null)}::text[],
        ${column((e) => e.row?.consentEmail ?? null)}::boolean[], ${column((e) => e.row?.consentSms ?? null)}::boolean[],
        ${column((e) => e.row?.consentWhatsapp ?? null)}::boolean[],
        ${column((e) => e.row?.consentProfiling ?? null)}::boolean[], ${column((e) => e.row?.createdAt ?? firstSeenAt.get(e.customerId) ?? null)}::timestamptz[],
        ${column((e) => (e.row ? JSON.stringify(e.row.attributes ?? {}) : null))}::jsonb[], ${column((e) => e.row?.importId ?? null)}::bigint[],
        ${column((e) => e.row?.importLine ?? null)}::int[])
        as s(customer_id, is_stub, kind, name, email, phone, birth_year, gender, city, region, country, income_band,
          consent_email, consent_sms, consent_whatsapp, consent_profiling, created_at, attributes, import_id, import_line)`.execute(db);
    await sql`insert into customer_trait (customer_id) select unnest(${createdIds}::bigint[])`.execute(db);
  }
  await insertIdentities(db, [
    ...resolution.newIdentities,
    ...newCustomers.flatMap((identities, slot) => identities.map((identity) => ({ identity, customerId: createdIds[slot] }))),
  ]);
  // a known customer's empty email or phone is filled as a created one's is, from its first such identity
  return { filledCustomerIds: await fillProfileContactsFromIdentities(db, resolution.newIdentities) };
}

/** The identities a resolution gives customers: those of the people it creates and those new to people known (for erasure suppression). */
export function identitiesGivenBy(resolution: RefResolution): Array<{ identity: IdentityTriple; customerId: number }> {
  return [
    ...resolution.newIdentities,
    ...resolution.newCustomers.flatMap((identities, slot) => identities.map((identity) => ({ identity, customerId: resolution.createdIds[slot] }))),
  ];
}

/** Whether the customer holds this identity; removes it when they do. */
export async function deleteCustomerIdentity(db: Db, customerId: number, identity: IdentityTriple): Promise<boolean> {
  const result = await db.deleteFrom('customer_identity')
    .where('customer_id', '=', customerId).where('kind', '=', identity.kind).where('namespace', '=', identity.namespace).where('value', '=', identity.value)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The latest merge into this customer, not undone, that moved this identity to them (see MovedRecord in merge.service.ts). */
export async function findPendingMergeOfIdentity(db: Db, customerId: number, identity: IdentityTriple): Promise<{ mergeId: number; mergedCustomerId: number } | null> {
  // merges are few (no index on kept_customer_id): this reads the table, as the timeline's merge entries do
  const result = await sql<{ merge_id: number; merged_customer_id: number }>`
    select merge_id, merged_customer_id from customer_merge
    where kept_customer_id = ${customerId}::bigint and undone_at is null
      and moved->'identities' @> jsonb_build_array(jsonb_build_object('kind', ${identity.kind}::text, 'namespace', ${identity.namespace}::text, 'value', ${identity.value}::text))
    order by merge_id desc limit 1`.execute(db);
  const row = result.rows[0];
  return row ? { mergeId: Number(row.merge_id), mergedCustomerId: Number(row.merged_customer_id) } : null;
}
