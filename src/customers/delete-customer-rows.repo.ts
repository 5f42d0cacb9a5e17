import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import { recomputeTraits } from '../traits/index.js';
import { eraseAuditDetail, erasedMarker, eraseReject, isNamingAny } from './erase-personal-values.js';

type Db = Kysely<Database>;

/**
 * Everything stored per customer that goes with them. Facts first, then what
 * was derived from them; a new table with a customer id belongs here, or in
 * the deletion test's allow-list with the reason it stays
 * (delete-customer.test.ts checks every such column).
 *
 * customer_trait goes while the customer row still exists: its trigger takes
 * them out of the store's first-seen sums by joining it. Purchase days' own
 * trigger takes them out of the store's daily sums and forgets their rhythm.
 */
const perCustomerTables = [
  'order_line', 'order_credit', 'customer_order', 'interest_event', 'customer_identity', 'customer_purchase_day', 'customer_category', 'customer_trait',
  'customer_rhythm', 'customer_type', 'customer_type_history', 'customer_rfm_score', 'customer_persona', 'customer_prediction',
  // per-customer alerts (overdue); store-wide ones have no customer
  'alert',
  // a customer file still importing would otherwise take a later row naming them for a duplicate of a deleted person
  'import_seen_ref', 'import_given',
] as const;

/** What a deletion removes, counted for its audit entry: numbers only, never a value of theirs. */
export type DeletedCustomerCounts = { orders: number; orderLines: number; events: number; identities: number; mergedCustomers: number };

/** Counts the facts deleteCustomerRows removes of `customerIds`: the deleted customer first, then those merged into them. Call before it. */
export async function countCustomerRows(db: Db, customerIds: number[]): Promise<DeletedCustomerCounts> {
  const count = async (table: 'customer_order' | 'order_line' | 'interest_event' | 'customer_identity') => Number((await db.selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', 'in', customerIds).executeTakeFirstOrThrow()).n);
  return {
    orders: await count('customer_order'), orderLines: await count('order_line'), events: await count('interest_event'),
    identities: await count('customer_identity'), mergedCustomers: customerIds.length - 1,
  };
}

/**
 * Deletes the customers' facts and every row derived from them, except the
 * customer rows themselves and segment membership (see deleteSegmentHistory).
 * Orders they received as gifts stay with their buyers, without a recipient.
 * Gifts they bought go with them, and with them their recipients' first sign
 * of interest: those recipients' facts are recomputed, and returned so what
 * derives from them can follow.
 */
export async function deleteCustomerRows(db: Db, customerIds: number[]): Promise<number[]> {
  const giftedTo = await db.selectFrom('customer_order').select('recipient_customer_id').distinct()
    .where('customer_id', 'in', customerIds).where('recipient_customer_id', 'is not', null).where('recipient_customer_id', 'not in', customerIds).execute();
  for (const table of perCustomerTables) {
    await db.deleteFrom(table).where('customer_id', 'in', customerIds).execute();
  }
  await db.updateTable('customer_order').set({ recipient_customer_id: null }).where('recipient_customer_id', 'in', customerIds).execute();
  await forgetMergedFacts(db, customerIds);
  const recipients = giftedTo.map((row) => Number(row.recipient_customer_id));
  if (recipients.length > 0) await recomputeTraits(db, recipients, (await getStoreSettings(db)).timeZone);
  return recipients;
}

/**
 * A merge the customers took part in stays on record (who merged whom, when,
 * by whom: a live customer's timeline names it, and an undo explains that the
 * kept customer was deleted), but what it moved was theirs: the identities,
 * the ids of their orders and events, and a profile as it was. That goes, as
 * do the later arrivals noted for undoing it, which can no longer happen.
 */
async function forgetMergedFacts(db: Db, customerIds: number[]): Promise<void> {
  const merges = await db.updateTable('customer_merge')
    .set({ moved: JSON.stringify({ identities: [], orderIds: [], eventIds: [], recipientOrderKeys: [], keptBefore: {} }) })
    .where((eb) => eb.or([eb('kept_customer_id', 'in', customerIds), eb('merged_customer_id', 'in', customerIds)]))
    .returning('merge_id').execute();
  const mergeIds = merges.map((merge) => merge.merge_id);
  if (mergeIds.length === 0) return;
  for (const table of ['customer_merge_order', 'customer_merge_event', 'customer_merge_gift'] as const) {
    await db.deleteFrom(table).where('merge_id', 'in', mergeIds).execute();
  }
}

/**
 * Their entries and exits in segment histories: a deleted person is no one
 * who ever entered a segment. Call after segments were refreshed for them,
 * which records their leaving and lowers each count.
 */
export async function deleteSegmentHistory(db: Db, customerIds: number[]): Promise<void> {
  await db.deleteFrom('segment_membership_event').where('customer_id', 'in', customerIds).execute();
}

/**
 * Their personal values where a record of them stays: the audit log's entries about them (an edit's
 * values before and after, identities added, replaced or removed) and answers kept for an
 * Idempotency-Key replay. Who did what, when, and the ids stay (see erase-personal-values.ts).
 * Call before their identities and customer rows go: those say which texts were theirs.
 */
export async function erasePersonalValues(db: Db, customerIds: number[]): Promise<void> {
  const texts = [...await identifyingTextsOf(db, customerIds), ...await eraseAuditDetails(db, customerIds)];
  await eraseIdempotencyAnswers(db, customerIds, texts);
}

async function identifyingTextsOf(db: Db, customerIds: number[]): Promise<string[]> {
  const profiles = await db.selectFrom('customer').select(['name', 'email', 'phone']).where('customer_id', 'in', customerIds).execute();
  const identities = await db.selectFrom('customer_identity').select('value').where('customer_id', 'in', customerIds).execute();
  return [...profiles.flatMap((row) => [row.name, row.email, row.phone]), ...identities.map((row) => row.value)].filter((text): text is string => Boolean(text));
}

/** Rewrites the details of the audit entries filed under them; returns the identifying texts those held (earlier emails, removed phones). */
async function eraseAuditDetails(db: Db, customerIds: number[]): Promise<string[]> {
  const entries = await db.selectFrom('audit_event').select(['audit_id', 'detail'])
    .where('entity', '=', 'customer').where('entity_id', 'in', customerIds.map(String)).execute();
  const texts: string[] = [];
  const changed: Array<{ auditId: number; detail: string }> = [];
  for (const entry of entries) {
    const { erased, identifyingTexts } = eraseAuditDetail(entry.detail);
    texts.push(...identifyingTexts);
    const detail = JSON.stringify(erased);
    if (detail !== JSON.stringify(entry.detail)) changed.push({ auditId: Number(entry.audit_id), detail });
  }
  if (changed.length > 0) {
    await sql`update audit_event a set detail = s.detail::jsonb
      from unnest(${changed.map((row) => row.auditId)}::bigint[], ${changed.map((row) => row.detail)}::text[]) as s(audit_id, detail)
      where a.audit_id = s.audit_id`.execute(db);
  }
  return texts;
}

/**
 * A customer created with an Idempotency-Key leaves the digest of their profile as sent: it goes (a
 * retry with the key is then refused as another body, rather than creating them again). An ingest
 * batch's answer keeps its rejects, whose reasons, raw rows and values may name them: by customer id
 * (an identity or order of theirs that another row claimed) or by one of their texts.
 */
async function eraseIdempotencyAnswers(db: Db, customerIds: number[], texts: string[]): Promise<void> {
  const ids = customerIds.map(String);
  await db.updateTable('idempotency_record').set({ request_hash: erasedMarker })
    .where('principal', 'like', 'POST /api/customers %').where(sql<string>`response->>'customerId'`, 'in', ids).execute();
  const needles = texts.filter((text) => text.length >= 4).map((text) => JSON.stringify(text).slice(1, -1));
  const answers = await sql<{ principal: string; idempotency_key: string; response: unknown }>`
    select principal, idempotency_key, response from idempotency_record r
    where jsonb_typeof(r.response->'rejects') = 'array' and (
      exists (select 1 from unnest(${needles}::text[]) as t(text) where strpos(r.response::text, t.text) > 0)
      or exists (select 1 from jsonb_array_elements(r.response->'rejects') as j(reject)
        where j.reject->'params'->>'customerId' = any(${ids}::text[]) or j.reject->'params'->>'ownerId' = any(${ids}::text[])))`.execute(db);
  const isTheirs = (reject: { params?: Record<string, unknown> }) => ids.includes(String(reject.params?.customerId)) || ids.includes(String(reject.params?.ownerId)) || isNamingAny(reject, texts);
  for (const answer of answers.rows) {
    const response = (typeof answer.response === 'string' ? JSON.parse(answer.response) : answer.response) as { rejects: Array<{ params?: Record<string, unknown> }> };
    const rejects = response.rejects.map((reject) => (isTheirs(reject) ? eraseReject(reject) : reject));
    await db.updateTable('idempotency_record').set({ response: JSON.stringify({ ...response, rejects }) })
      .where('principal', '=', answer.principal).where('idempotency_key', '=', answer.idempotency_key).execute();
  }
}
