import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { executeNamed } from '../db/prepared-statement.js';
import { matchingCustomers, type CompiledFilter } from './compile-filter.js';
import type { MembershipChange } from './segments.tables.js';
import { consentColumn, consentKinds, type ConsentKind } from '../customers/consent-kinds.js';

export type MembershipDiff = { entered: number; left: number; members: number };

/**
 * Brings stored membership in line with the filter: deletes members no longer
 * matching, inserts new ones, and logs both. With `onlyCustomerIds` only those
 * customers are reconsidered, which is what keeps incremental refreshes equal
 * to a full one. The segment row is locked so two refreshes of the same
 * segment queue rather than interleave (`isLocked`: the caller holds the lock,
 * see lockAllSegments).
 */
export async function refreshMembership(
  db: Kysely<Database>, segmentId: number, compiled: CompiledFilter, at: Date, onlyCustomerIds: number[] | null = null,
  options: { isLocked?: boolean; isPrepared?: boolean } = {},
): Promise<MembershipDiff> {
  // the temporary table lives on one connection: keep every step in one transaction
  if (!db.isTransaction) return db.transaction().execute((trx) => refreshMembership(trx, segmentId, compiled, at, onlyCustomerIds, options));
  if (!options.isLocked) await sql`select segment_id from segment where segment_id = ${segmentId} for update`.execute(db);
  return onlyCustomerIds !== null && isFewCustomers(onlyCustomerIds)
    ? refreshFewCustomers(db, segmentId, compiled, at, onlyCustomerIds, options.isPrepared ?? false)
    : refreshManyCustomers(db, segmentId, compiled, at, onlyCustomerIds);
}

/**
 * Up to 5,000 customers (an ingest batch's) the matches are few: a CTE sizes
 * itself well enough, and a plan made once per session for the segment
 * serves every batch. Above, a keyed and analysed table is worth its cost.
 */
export function isFewCustomers(customerIds: readonly number[]): boolean {
  return customerIds.length <= 5_000;
}

/**
 * The diff step shared by both paths: `target` names a relation of the
 * matching customers among those reconsidered (`onlyMembers` restricts the
 * stored members alike), and `target.with` defines it when it is a CTE.
 */
function diffStatement(segmentId: number, at: Date, target: { with: RawBuilder<unknown>; name: RawBuilder<unknown> }, onlyMembers: RawBuilder<unknown>) {
  return sql`
    with ${target.with}
    existing as materialized (
      -- read before the insert below: an anti-join against segment_member itself rescans
      -- the pages that insert adds, quadratic when the planner expects none
      select m.customer_id from segment_member m where m.segment_id = ${segmentId} ${onlyMembers}
    ), removed as (
      delete from segment_member m
      where m.segment_id = ${segmentId} ${onlyMembers}
        and not exists (select 1 from ${target.name} x where x.customer_id = m.customer_id)
      returning m.customer_id),
    added as (
      insert into segment_member (segment_id, customer_id, entered_at)
      select ${segmentId}, x.customer_id, ${at}::timestamptz from ${target.name} x
      where not exists (select 1 from existing m where m.customer_id = x.customer_id)
      returning customer_id),
    logged_left as (
      insert into segment_membership_event (segment_id, customer_id, change, at)
      select ${segmentId}, customer_id, 'left', ${at}::timestamptz from removed),
    logged_entered as (
      insert into segment_membership_event (segment_id, customer_id, change, at)
      select ${segmentId}, customer_id, 'entered', ${at}::timestamptz from added)`;
}

/**
 * An ingest batch's customers: one statement, the count moved by the
 * difference (the segment row is locked, so no other refresh moves it
 * meanwhile), run prepared when the caller switched to generic plans. Seven
 * round trips, a plan and a count of every member per segment per batch was
 * 49 ms an order with ten segments at 100k customers.
 */
async function refreshFewCustomers(
  db: Kysely<Database>, segmentId: number, compiled: CompiledFilter, at: Date, customerIds: number[], isPrepared: boolean,
): Promise<MembershipDiff> {
  const target = { with: sql`target as materialized (${matchingCustomers(compiled, customerIds)}),`, name: sql`target` };
  const statement = sql<{ entered: number; left: number; members: number }>`
    ${diffStatement(segmentId, at, target, sql`and m.customer_id = any(${customerIds}::bigint[])`)},
    counted as (
      update segment set member_count = member_count + (select count(*) from added) - (select count(*) from removed), refreshed_at = ${at}::timestamptz
      where segment_id = ${segmentId} returning member_count)
    select (select count(*) from added)::int as entered, (select count(*) from removed)::int as left,
      (select member_count from counted)::int as members`;
  const result = isPrepared ? await executeNamed(db, statement) : await statement.execute(db);
  const row = result.rows[0];
  return { entered: Number(row.entered), left: Number(row.left), members: Number(row.members ?? 0) };
}

/** A whole segment (or a large set of customers): the matches go into a keyed temporary table first, and the members are counted afresh. */
async function refreshManyCustomers(db: Kysely<Database>, segmentId: number, compiled: CompiledFilter, at: Date, onlyCustomerIds: number[] | null): Promise<MembershipDiff> {
  // A keyed table rather than a CTE: with a CTE the planner guessed one member
  // and chose a nested-loop anti-join, quadratic at 70 000 members (minutes at 1M).
  await sql`create temporary table if not exists segment_target (customer_id bigint primary key) on commit drop`.execute(db);
  await sql`insert into segment_target (customer_id) ${matchingCustomers(compiled, onlyCustomerIds)}`.execute(db);
  await sql`analyze segment_target`.execute(db);
  const onlyMembers = onlyCustomerIds === null ? sql`` : sql`and m.customer_id = any(${onlyCustomerIds}::bigint[])`;
  const result = await sql<{ entered: number; left: number }>`
    ${diffStatement(segmentId, at, { with: sql``, name: sql`segment_target` }, onlyMembers)}
    select (select count(*) from added)::int as entered, (select count(*) from removed)::int as left`.execute(db);
  await sql`drop table segment_target`.execute(db);
  const counted = await sql<{ members: number }>`
    update segment set member_count = (select count(*) from segment_member where segment_id = ${segmentId}), refreshed_at = ${at}::timestamptz
    where segment_id = ${segmentId} returning member_count as members`.execute(db);
  const diff = result.rows[0] ?? { entered: 0, left: 0 };
  return { entered: Number(diff.entered), left: Number(diff.left), members: Number(counted.rows[0]?.members ?? 0) };
}

export type CustomerSummary = { customer_id: number; name: string | null; email: string | null; city: string | null };

/**
 * A member as the customer list shows a customer (GET /api/customers), with
 * consent and when they entered: what a campaign needs, one page at a time.
 */
export type MemberRow = CustomerSummary & {
  kind: string; phone: string | null; country: string | null; is_stub: boolean; created_at: Date;
  first_purchase_at: Date | null; last_purchase_at: Date | null; order_count: number; revenue_minor: number; purchase_days: number; is_real: boolean;
  types: string[] | null; primary_type: string | null; rfm_segment: string | null;
  consent_email: boolean | null; consent_sms: boolean | null; consent_whatsapp: boolean | null; consent_profiling: boolean | null;
  entered_at: Date;
};

/** The column of a consent kind, taken from the closed list of kinds, never from a request's text. */
function agreedColumn(kind: ConsentKind) {
  const known = consentKinds.find((candidate) => candidate === kind);
  if (known === undefined) throw new Error(`unknown consent kind ${String(kind)}`);
  return sql.ref(`ca.${consentColumn(known)}`);
}

/**
 * Members in customer id order, resumable after the last id seen. With `consent`, only those who said
 * yes to it (hasAgreedTo's rule, consent-kinds.ts), chosen before the limit so every page is full.
 */
export async function listMemberRows(db: Kysely<Database>, segmentId: number, options: { limit: number; afterCustomerId?: number; consent?: ConsentKind }): Promise<MemberRow[]> {
  const after = options.afterCustomerId === undefined ? sql`` : sql`and m.customer_id > ${options.afterCustomerId}`;
  const agreed = options.consent === undefined ? sql`` : sql`join customer ca on ca.customer_id = m.customer_id and ${agreedColumn(options.consent)} is true`;
  return customerFactsOfPage(db, sql`
    select m.customer_id, m.entered_at from segment_member m ${agreed}
    where m.segment_id = ${segmentId} ${after}
    order by m.customer_id
    limit ${options.limit}`, 'entered_at');
}

/** A customer as GET /api/customers lists them, with the one column of the group's page (when they joined it). */
export type GroupMemberRow<Column extends string> = Omit<MemberRow, 'entered_at'> & Record<Column, Date>;

/**
 * The customers of a page of a group (a segment's, a persona's members), chosen first on the group's
 * key and ordered by customer id, with their facts joined after: joined before the limit, a plan
 * misjudging the member count joined every remaining member for each page. `page` selects
 * customer_id and `column`.
 */
export async function customerFactsOfPage<Column extends 'entered_at' | 'assigned_at'>(
  db: Kysely<Database>, page: RawBuilder<unknown>, column: Column,
): Promise<Array<GroupMemberRow<Column>>> {
  const result = await sql<GroupMemberRow<Column>>`
    with page as materialized (${page})
    select m.customer_id, c.kind, c.name, c.email, c.phone, c.city, c.country, c.is_stub, c.created_at,
      c.consent_email, c.consent_sms, c.consent_whatsapp, c.consent_profiling,
      t.first_purchase_at, t.last_purchase_at, coalesce(t.order_count, 0) as order_count, coalesce(t.revenue_minor, 0) as revenue_minor,
      coalesce(t.purchase_days, 0) as purchase_days, (coalesce(t.order_count, 0) > 0) as is_real,
      ct.types, ct.primary_type, r.segment as rfm_segment, ${sql.ref(`m.${column}`)}
    from page m
      join customer c on c.customer_id = m.customer_id
      left join customer_trait t on t.customer_id = m.customer_id
      left join customer_type ct on ct.customer_id = m.customer_id
      left join customer_rfm r on r.customer_id = m.customer_id
    order by m.customer_id`.execute(db);
  return result.rows;
}

export async function memberIds(db: Kysely<Database>, segmentId: number): Promise<number[]> {
  const rows = await db.selectFrom('segment_member').select('customer_id').where('segment_id', '=', segmentId).orderBy('customer_id').execute();
  return rows.map((row) => Number(row.customer_id));
}

/** A change with the customer's name and email, so a person reads who entered or left, not a number. */
export type MembershipEvent = { customer_id: number; name: string | null; email: string | null; change: MembershipChange; at: Date };

export async function listMembershipEvents(db: Kysely<Database>, segmentId: number, limit: number): Promise<MembershipEvent[]> {
  return db.selectFrom('segment_membership_event as e').leftJoin('customer as c', 'c.customer_id', 'e.customer_id')
    .select(['e.customer_id', 'c.name', 'c.email', 'e.change', 'e.at'])
    .where('e.segment_id', '=', segmentId).orderBy('e.event_id', 'desc').limit(limit).execute();
}

/**
 * Every segment, locked as refreshMembership locks one (in id order, so two
 * batches queue rather than deadlock): a batch's refresh of all segments takes
 * its locks in one round trip. Call inside the transaction that refreshes them.
 */
export async function lockAllSegments(db: Kysely<Database>): Promise<Array<{ segment_id: number; name: string; filter: unknown }>> {
  return db.selectFrom('segment').select(['segment_id', 'name', 'filter']).orderBy('segment_id').forUpdate().execute();
}
