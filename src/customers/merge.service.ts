import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from '../auth/audit.js';
import { mergeAlreadyUndone, mergeInvalid, mergeNotFound } from './customers.errors.js';
import { refreshTraitsOf, requireCustomer } from './customers.service.js';

type Db = Kysely<Database>;

/** Exactly what a merge moved, so that undo can move it back. */
type MovedRecord = {
  identities: Array<{ kind: string; namespace: string; value: string }>;
  orderIds: number[];
  eventIds: number[];
  recipientOrderKeys: Array<[number, number]>;
  keptBefore: Record<string, unknown>;
};

const fillableColumns = ['name', 'email', 'phone', 'birth_year', 'gender', 'city', 'region', 'country', 'income_band', 'consent_email', 'consent_sms', 'consent_profiling'] as const;

/**
 * Merges `mergedId` into `keptId`: identities, orders (with lines), events and
 * gift recipients move to the kept customer, empty profile fields are filled
 * from the merged one, facts are recomputed, and the merge is audited.
 */
export async function mergeCustomers(db: Db, keptId: number, mergedId: number, actor: string): Promise<{ mergeId: number }> {
  if (keptId === mergedId) throw mergeInvalid('A customer cannot be merged with itself. Choose two different customers.');
  return db.transaction().execute(async (trx) => {
    const kept = await requireCustomer(trx, keptId);
    const merged = await requireCustomer(trx, mergedId);
    const identities = await trx.selectFrom('customer_identity').select(['kind', 'namespace', 'value']).where('customer_id', '=', mergedId).execute();
    const orders = await trx.selectFrom('customer_order').select('order_id').where('customer_id', '=', mergedId).execute();
    const events = await trx.selectFrom('interest_event').select('event_id').where('customer_id', '=', mergedId).execute();
    const recipientOf = await trx.selectFrom('customer_order').select(['customer_id', 'order_id']).where('recipient_customer_id', '=', mergedId).execute();
    const keptBefore = Object.fromEntries(fillableColumns.map((column) => [column, kept[column]]));
    const moved: MovedRecord = {
      identities,
      orderIds: orders.map((o) => o.order_id),
      eventIds: events.map((e) => e.event_id),
      recipientOrderKeys: recipientOf.map((o) => [o.customer_id, o.order_id]),
      keptBefore,
    };
    await moveFacts(trx, mergedId, keptId, moved);
    const fill = Object.fromEntries(fillableColumns.filter((column) => kept[column] === null && merged[column] !== null).map((column) => [column, merged[column]]));
    await trx.updateTable('customer').set({ ...fill, is_stub: kept.is_stub && merged.is_stub, updated_at: new Date() }).where('customer_id', '=', keptId).execute();
    await trx.updateTable('customer').set({ merged_into_customer_id: keptId, updated_at: new Date() }).where('customer_id', '=', mergedId).execute();
    const record = await trx.insertInto('customer_merge')
      .values({ kept_customer_id: keptId, merged_customer_id: mergedId, moved: JSON.stringify(moved), merged_by: actor })
      .returning('merge_id').executeTakeFirstOrThrow();
    await refreshTraitsOf(trx, [keptId, mergedId]);
    await recordAudit(trx, { actor, action: 'customer.merge', entity: 'customer', entityId: String(keptId), detail: { mergeId: record.merge_id, mergedCustomerId: mergedId, orders: moved.orderIds.length, identities: identities.length } });
    return { mergeId: record.merge_id };
  });
}

/** Moves back exactly what the merge moved and restores the kept customer's profile. */
export async function undoMerge(db: Db, mergeId: number, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const merge = await trx.selectFrom('customer_merge').selectAll().where('merge_id', '=', mergeId).executeTakeFirst();
    if (!merge) throw mergeNotFound(mergeId);
    if (merge.undone_at) throw mergeAlreadyUndone(mergeId);
    const moved = (typeof merge.moved === 'string' ? JSON.parse(merge.moved) : merge.moved) as MovedRecord;
    await moveFacts(trx, merge.kept_customer_id, merge.merged_customer_id, moved);
    await trx.updateTable('customer').set({ ...(moved.keptBefore as object), updated_at: new Date() }).where('customer_id', '=', merge.kept_customer_id).execute();
    await trx.updateTable('customer').set({ merged_into_customer_id: null, updated_at: new Date() }).where('customer_id', '=', merge.merged_customer_id).execute();
    await trx.updateTable('customer_merge').set({ undone_at: new Date(), undone_by: actor }).where('merge_id', '=', mergeId).execute();
    await refreshTraitsOf(trx, [merge.kept_customer_id, merge.merged_customer_id]);
    await recordAudit(trx, { actor, action: 'customer.merge.undo', entity: 'customer', entityId: String(merge.kept_customer_id), detail: { mergeId, restoredCustomerId: merge.merged_customer_id } });
  });
}

async function moveFacts(db: Db, fromId: number, toId: number, moved: MovedRecord): Promise<void> {
  await sql`
    update customer_identity set customer_id = ${toId}::bigint
    where customer_id = ${fromId}::bigint and (kind, namespace, value) in (
      select * from unnest(${moved.identities.map((i) => i.kind)}::text[], ${moved.identities.map((i) => i.namespace)}::text[], ${moved.identities.map((i) => i.value)}::text[]))`.execute(db);
  await sql`update order_line set customer_id = ${toId}::bigint where customer_id = ${fromId}::bigint and order_id = any(${moved.orderIds}::bigint[])`.execute(db);
  await sql`update customer_order set customer_id = ${toId}::bigint where customer_id = ${fromId}::bigint and order_id = any(${moved.orderIds}::bigint[])`.execute(db);
  await sql`update interest_event set customer_id = ${toId}::bigint where customer_id = ${fromId}::bigint and event_id = any(${moved.eventIds}::bigint[])`.execute(db);
  await sql`update customer_order set recipient_customer_id = ${toId}::bigint
    where recipient_customer_id = ${fromId}::bigint and order_id = any(${moved.recipientOrderKeys.map((key) => key[1])}::bigint[])`.execute(db);
}

export async function listMerges(db: Db, customerId: number) {
  return db.selectFrom('customer_merge').select(['merge_id', 'kept_customer_id', 'merged_customer_id', 'merged_at', 'merged_by', 'undone_at', 'undone_by'])
    .where((eb) => eb.or([eb('kept_customer_id', '=', customerId), eb('merged_customer_id', '=', customerId)]))
    .orderBy('merge_id', 'desc').execute();
}
