import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from '../auth/audit.js';
import { revertMergeOverdueAlerts } from '../analytics/index.js';
import { actorForDisplay, type ActorShown } from '../auth/index.js';
import { systemClock, type Clock } from '../core/clock.js';
import { customerMergedAway, customerNotFound, mergeAlreadyUndone, mergeInvalid, mergeNotFound, mergeUndoRefused } from './customers.errors.js';
import { lockCustomerMerges, refreshTraitsOf, requireCustomer } from './customers.service.js';
import { keepDerivedCurrentAfterMerge, restoreSetAsideRows, setAsideMergedCustomerRows, type SetAsideRows } from './merge-derived.js';
import { inTransaction } from '../db/in-transaction.js';
import { lockOutTypePolicyChanges } from '../analytics/settings.repo.js';
import { storeNow } from '../settings/index.js';
import { reapplyCredits } from '../orders/index.js';
import { readSpellStates, spellChangesSince, takeBackMergeSpellChanges, type MergeSpellChange } from './merge-type-history.js';
import { combineProfiles, fillableColumns, loweredConsents, mergeProfileOf, type ConsentRule } from './merge-profile.js';
import { changedConsents, recordConsentChanges } from './consent-changes.repo.js';

export { fillableColumns } from './merge-profile.js';

type Db = Kysely<Database>;

/** Exactly what a merge moved, so that undo can move it back. */
type MovedRecord = {
  identities: Array<{ kind: string; namespace: string; value: string }>;
  orderIds: number[];
  eventIds: number[];
  recipientOrderKeys: Array<[number, number]>;
  /** The kept customer's profile before the merge; `is_stub` is missing from merges recorded before it was kept. */
  keptBefore: Record<string, unknown>;
  /** The merged customer's derived rows kept aside until an undo (missing from merges recorded before, and after an undo). */
  setAside?: SetAsideRows;
  /** How consents were combined (combineProfiles); missing from merges recorded before a refusal won, which only filled. */
  consentRule?: ConsentRule;
  /** How the merge changed each customer's type spells, so the undo can take it back (missing from merges recorded before). */
  typeSpells?: MergeSpellChange[];
};

type CustomerRow = Awaited<ReturnType<typeof requireCustomer>>;

/** What an undo did, as the API and the CLI report it. */
export type UndoneMerge = {
  undone: true;
  mergeId: number;
  keptCustomerId: number;
  restoredCustomerId: number;
  /** Orders moved back: the merge's own and those that came later through the restored customer's identities. */
  ordersMovedBack: number;
  /** Interest events moved back, the same way. */
  eventsMovedBack: number;
  /** Gifts whose recipient is the restored customer again, the same way. */
  giftsMovedBack: number;
};

/**
 * Merges `mergedId` into `keptId`: identities, orders (with lines), events and
 * gift recipients move to the kept customer, empty profile fields are filled
 * from the merged one and a refusal of consent by either is kept
 * (combineProfiles), facts are recomputed, and the merge is audited with the
 * consents it lowered.
 */
export async function mergeCustomers(db: Db, keptId: number, mergedId: number, actor: string, options: { clock?: Clock } = {}): Promise<{ mergeId: number }> {
  if (keptId === mergedId) throw mergeInvalid('A customer cannot be merged with itself. Choose two different customers.');
  return inTransaction(db, async (trx) => {
    await lockCustomerMerges(trx);
    // the kept customer is typed again by the latest analysis's policy: not one a change is replacing
    await lockOutTypePolicyChanges(trx);
    const { kept, merged } = await requireMergeParties(trx, keptId, mergedId);
    const identities = await trx.selectFrom('customer_identity').select(['kind', 'namespace', 'value']).where('customer_id', '=', mergedId).execute();
    const orders = await trx.selectFrom('customer_order').select('order_id').where('customer_id', '=', mergedId).execute();
    const events = await trx.selectFrom('interest_event').select('event_id').where('customer_id', '=', mergedId).execute();
    const recipientOf = await trx.selectFrom('customer_order').select(['customer_id', 'order_id']).where('recipient_customer_id', '=', mergedId).execute();
    const keptBefore = { ...Object.fromEntries(fillableColumns.map((column) => [column, kept[column]])), is_stub: kept.is_stub };
    const moved: MovedRecord = {
      identities,
      orderIds: orders.map((o) => o.order_id),
      eventIds: events.map((e) => e.event_id),
      recipientOrderKeys: recipientOf.map((o) => [o.customer_id, o.order_id]),
      keptBefore,
      consentRule: 'refusal_wins',
    };
    await moveFacts(trx, mergedId, keptId, moved);
    moved.setAside = await setAsideMergedCustomerRows(trx, mergedId);
    const combined = combineProfiles(mergeProfileOf(kept), mergeProfileOf(merged));
    const fill = Object.fromEntries(fillableColumns.filter((column) => combined[column] !== kept[column]).map((column) => [column, combined[column]]));
    const consentsLowered = loweredConsents(mergeProfileOf(kept), combined);
    await trx.updateTable('customer').set({ ...fill, is_stub: kept.is_stub && merged.is_stub, updated_at: new Date() }).where('customer_id', '=', keptId).execute();
    await recordConsentChanges(trx, keptId, changedConsents(kept, fill), 'merge', actor);
    await trx.updateTable('customer').set({ merged_into_customer_id: keptId, updated_at: new Date() }).where('customer_id', '=', mergedId).execute();
    const record = await trx.insertInto('customer_merge')
      .values({ kept_customer_id: keptId, merged_customer_id: mergedId, moved: JSON.stringify(moved), merged_by: actor })
      .returning('merge_id').executeTakeFirstOrThrow();
    await refreshTraitsOf(trx, [keptId, mergedId]);
    const spellsBefore = await readSpellStates(trx, [keptId, mergedId]);
    // judged now, as the ingest path does; a data set's store as of its end, like everything in it
    await keepDerivedCurrentAfterMerge(trx, {
      current: [keptId], mergedAway: [mergedId], at: await storeNow(trx, options.clock ?? systemClock),
      merge: { keptId, mergeId: record.merge_id, setAside: moved.setAside },
    });
    const typeSpells = await spellChangesSince(trx, spellsBefore);
    await trx.updateTable('customer_merge').set({ moved: sql<string>`moved || ${JSON.stringify({ typeSpells })}::jsonb` }).where('merge_id', '=', record.merge_id).execute();
    await recordAudit(trx, { actor, action: 'customer.merge', entity: 'customer', entityId: String(keptId), detail: {
      mergeId: record.merge_id, mergedCustomerId: mergedId, orders: moved.orderIds.length, identities: identities.length,
      ...(consentsLowered.length > 0 ? { consentsLowered } : {}),
    } });
    return { mergeId: record.merge_id };
  });
}

/** The two customers of a merge; a missing one is named by the request field that gave it. */
async function requireMergeParties(db: Db, keptId: number, mergedId: number): Promise<{ kept: CustomerRow; merged: CustomerRow }> {
  const rows = await db.selectFrom('customer').selectAll().where('customer_id', 'in', [keptId, mergedId]).execute();
  const live = (customerId: number, field: string) => {
    const row = rows.find((candidate) => candidate.customer_id === customerId);
    if (!row) throw customerNotFound(customerId, field);
    if (row.merged_into_customer_id !== null) throw customerMergedAway(customerId, row.merged_into_customer_id, field);
    return row;
  };
  return { kept: live(keptId, 'customerId'), merged: live(mergedId, 'otherCustomerId') };
}

/**
 * Moves back exactly what the merge moved, and the orders, interest events
 * and gifts that reached the kept customer later through the restored
 * customer's identities (recorded by the ingest path, see
 * merge-later-arrivals.repo.ts), and reverts what the merge filled
 * in on the kept customer's profile. Refused (nothing changed) when that is no
 * longer possible: the kept customer was deleted or merged again, or something
 * the merge moved is gone.
 */
export async function undoMerge(db: Db, mergeId: number, actor: string, options: { clock?: Clock } = {}): Promise<UndoneMerge> {
  return inTransaction(db, async (trx) => {
    await lockCustomerMerges(trx);
    // the kept customer is typed again by the latest analysis's policy: not one a change is replacing
    await lockOutTypePolicyChanges(trx);
    const merge = await trx.selectFrom('customer_merge').selectAll().where('merge_id', '=', mergeId).executeTakeFirst();
    if (!merge) throw mergeNotFound(mergeId);
    if (merge.undone_at) throw mergeAlreadyUndone(mergeId);
    const { kept_customer_id: keptId, merged_customer_id: mergedId } = merge;
    const moved = (typeof merge.moved === 'string' ? JSON.parse(merge.moved) : merge.moved) as MovedRecord;
    const { kept, merged } = await requireUndoable(trx, mergeId, moved, keptId, mergedId);
    const later = await findLaterArrivals(trx, mergeId, keptId, moved);
    const movedBack = await moveFacts(trx, keptId, mergedId, {
      ...moved,
      orderIds: [...moved.orderIds, ...later.orderIds],
      eventIds: [...moved.eventIds, ...later.eventIds],
      recipientOrderKeys: [...moved.recipientOrderKeys, ...later.giftOrderKeys],
    });
    const restored = profileToRestore(moved, kept, merged);
    await trx.updateTable('customer').set({ ...restored, updated_at: new Date() }).where('customer_id', '=', keptId).execute();
    await recordConsentChanges(trx, keptId, changedConsents(kept, restored), 'unmerge', actor);
    await trx.updateTable('customer').set({ merged_into_customer_id: null, updated_at: new Date() }).where('customer_id', '=', mergedId).execute();
    // what was set aside is back in the store, or out of date: the record keeps only what moved
    await trx.updateTable('customer_merge').set({ undone_at: new Date(), undone_by: actor, moved: sql<string>`moved - 'setAside' - 'typeSpells'` }).where('merge_id', '=', mergeId).execute();
    await refreshTraitsOf(trx, [keptId, mergedId]);
    // before they are judged: their type reads the prediction's P(alive)
    await restoreSetAsideRows(trx, moved.setAside);
    await revertMergeOverdueAlerts(trx, keptId, mergeId);
    const spellsBefore = await readSpellStates(trx, [keptId, mergedId]);
    await keepDerivedCurrentAfterMerge(trx, { current: [keptId, mergedId], mergedAway: [], at: await storeNow(trx, options.clock ?? systemClock) });
    await takeBackMergeSpellChanges(trx, moved.typeSpells, spellsBefore);
    await recordAudit(trx, { actor, action: 'customer.merge.undo', entity: 'customer', entityId: String(keptId), detail: { mergeId, restoredCustomerId: mergedId, laterOrders: later.orderIds.length, laterEvents: later.eventIds.length, laterGifts: later.giftOrderKeys.length } });
    return {
      undone: true, mergeId, keptCustomerId: keptId, restoredCustomerId: mergedId,
      ordersMovedBack: movedBack.orders, eventsMovedBack: movedBack.events, giftsMovedBack: movedBack.gifts,
    };
  });
}

/**
 * Orders, interest events and gifts that came to the kept customer after the
 * merge through an identity it moved (see merge-later-arrivals.repo.ts) and
 * are still theirs: a row since deleted, or moved on by a later merge (which
 * blocks this undo), is not; nor is a gift whose recipient a later import
 * changed.
 */
async function findLaterArrivals(db: Db, mergeId: number, keptId: number, moved: MovedRecord): Promise<{ orderIds: number[]; eventIds: number[]; giftOrderKeys: Array<[number, number]> }> {
  const result = await sql<{ kind: 'order' | 'event' | 'gift'; customer_id: number; id: number }>`
    select 'order' as kind, o.customer_id, o.order_id as id from customer_merge_order mo
    join customer_order o on o.customer_id = ${keptId}::bigint and o.order_id = mo.order_id
    where mo.merge_id = ${mergeId}::bigint and mo.order_id <> all(${moved.orderIds}::bigint[])
    union all
    select 'event', e.customer_id, e.event_id from customer_merge_event me
    join interest_event e on e.customer_id = ${keptId}::bigint and e.event_id = me.event_id
    where me.merge_id = ${mergeId}::bigint and me.event_id <> all(${moved.eventIds}::bigint[])
    union all
    select 'gift', o.customer_id, o.order_id from customer_merge_gift mg
    join customer_order o on o.recipient_customer_id = ${keptId}::bigint and o.order_id = mg.order_id
    where mg.merge_id = ${mergeId}::bigint and mg.order_id <> all(${moved.recipientOrderKeys.map((key) => key[1])}::bigint[])`.execute(db);
  const of = (kind: string) => result.rows.filter((row) => row.kind === kind);
  return {
    orderIds: of('order').map((row) => Number(row.id)),
    eventIds: of('event').map((row) => Number(row.id)),
    giftOrderKeys: of('gift').map((row) => [Number(row.customer_id), Number(row.id)]),
  };
}

/** The kept and merged customers, when the merge can still be undone exactly; refuses otherwise. */
async function requireUndoable(db: Db, mergeId: number, moved: MovedRecord, keptId: number, mergedId: number): Promise<{ kept: CustomerRow; merged: CustomerRow }> {
  const rows = await db.selectFrom('customer').selectAll().where('customer_id', 'in', [keptId, mergedId]).execute();
  const kept = rows.find((row) => row.customer_id === keptId);
  const merged = rows.find((row) => row.customer_id === mergedId);
  if (!kept) {
    throw mergeUndoRefused(mergeId, 'kept_customer_deleted',
      `customer #${keptId}, who received customer #${mergedId}'s identities, orders and events in it, was deleted with them. Import customer #${mergedId}'s data again to recreate them.`);
  }
  if (kept.merged_into_customer_id !== null) {
    const later = await db.selectFrom('customer_merge').select('merge_id').where('merged_customer_id', '=', keptId).where('undone_at', 'is', null)
      .orderBy('merge_id', 'desc').executeTakeFirst();
    const blocking = later ? `merge #${later.merge_id}` : `the merge of customer #${keptId} into #${kept.merged_into_customer_id}`;
    throw mergeUndoRefused(mergeId, 'kept_customer_merged',
      `customer #${keptId} was since merged into customer #${kept.merged_into_customer_id}, which took what this merge moved. Undo ${blocking} first, then this one.`,
      { blockingMergeId: later?.merge_id ?? null });
  }
  if (!merged || merged.merged_into_customer_id !== keptId) {
    throw mergeUndoRefused(mergeId, 'merged_customer_missing', `customer #${mergedId} no longer exists as merged into customer #${keptId}, so there is no one to restore.`);
  }
  const missing = await countMissing(db, keptId, moved);
  if (missing.identities + missing.orders + missing.events > 0) {
    throw mergeUndoRefused(mergeId, 'moved_facts_missing',
      `${missing.identities} identities, ${missing.orders} orders and ${missing.events} interest events it moved are no longer with customer #${keptId}, so customer #${mergedId} cannot be restored as they were. The merge stays in place.`,
      { missing });
  }
  return { kept, merged };
}

/** How many of the identities, orders and events the merge moved are not with the kept customer any more. */
async function countMissing(db: Db, keptId: number, moved: MovedRecord): Promise<{ identities: number; orders: number; events: number }> {
  const result = await sql<{ identities: number; orders: number; events: number }>`
    select
      (select count(*) from customer_identity where customer_id = ${keptId}::bigint and (kind, namespace, value) in (
        select * from unnest(${moved.identities.map((i) => i.kind)}::text[], ${moved.identities.map((i) => i.namespace)}::text[], ${moved.identities.map((i) => i.value)}::text[])))::int as identities,
      (select count(*) from customer_order where customer_id = ${keptId}::bigint and order_id = any(${moved.orderIds}::bigint[]))::int as orders,
      (select count(*) from interest_event where customer_id = ${keptId}::bigint and event_id = any(${moved.eventIds}::bigint[]))::int as events`.execute(db);
  const found = result.rows[0];
  return { identities: moved.identities.length - found.identities, orders: moved.orderIds.length - found.orders, events: moved.eventIds.length - found.events };
}

/**
 * The kept customer's columns to set back: each field the merge changed that
 * still holds what the merge put there (a later edit wins), a consent it
 * lowered included, and the stub flag when nothing else on the profile
 * changed since.
 */
function profileToRestore(moved: MovedRecord, kept: CustomerRow, merged: CustomerRow): Record<string, unknown> {
  const { keptBefore } = moved;
  const setByMerge = combineProfiles(mergeProfileOf(keptBefore), mergeProfileOf(merged), moved.consentRule ?? 'fill');
  const restore: Record<string, unknown> = {};
  let isUntouched = true;
  for (const column of fillableColumns) {
    const before = keptBefore[column] ?? null;
    if (kept[column] !== setByMerge[column]) isUntouched = false;
    else if (setByMerge[column] !== before) restore[column] = before;
  }
  if (typeof keptBefore.is_stub === 'boolean' && isUntouched) restore.is_stub = keptBefore.is_stub;
  return restore;
}

/** Moves what `moved` names from one customer to the other; how many orders, events and gifts moved. */
async function moveFacts(db: Db, fromId: number, toId: number, moved: MovedRecord): Promise<{ orders: number; events: number; gifts: number }> {
  await sql`
    update customer_identity set customer_id = ${toId}::bigint
    where customer_id = ${fromId}::bigint and (kind, namespace, value) in (
      select * from unnest(${moved.identities.map((i) => i.kind)}::text[], ${moved.identities.map((i) => i.namespace)}::text[], ${moved.identities.map((i) => i.value)}::text[]))`.execute(db);
  await sql`update order_line set customer_id = ${toId}::bigint where customer_id = ${fromId}::bigint and order_id = any(${moved.orderIds}::bigint[])`.execute(db);
  const orders = await sql`update customer_order set customer_id = ${toId}::bigint where customer_id = ${fromId}::bigint and order_id = any(${moved.orderIds}::bigint[])`.execute(db);
  const events = await sql`update interest_event set customer_id = ${toId}::bigint where customer_id = ${fromId}::bigint and event_id = any(${moved.eventIds}::bigint[])`.execute(db);
  // a gift whose recipient a later import changed keeps the new recipient
  const gifts = await sql`update customer_order set recipient_customer_id = ${toId}::bigint
    where recipient_customer_id = ${fromId}::bigint and order_id = any(${moved.recipientOrderKeys.map((key) => key[1])}::bigint[])`.execute(db);
  // credit notes apply to the sales of the customer that holds them now: the kept one's take the merged one's
  // credits and the merged one's sales, and an undo gives each back what it had (order_credit is re-derived)
  await reapplyCredits(db, [fromId, toId]);
  const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);
  return { orders: count(orders), events: count(events), gifts: count(gifts) };
}

/**
 * Merges a customer took part in, as kept or merged; merged customers still have theirs, so they can be undone.
 * Who merged and undid them is shown without staff emails unless `canReadStaffEmails` (see `actorForDisplay`).
 */
export async function listMerges(db: Db, customerId: number, options: ActorShown = {}) {
  const customer = await db.selectFrom('customer').select('customer_id').where('customer_id', '=', customerId).executeTakeFirst();
  if (!customer) throw customerNotFound(customerId);
  const merges = await db.selectFrom('customer_merge').select(['merge_id', 'kept_customer_id', 'merged_customer_id', 'merged_at', 'merged_by', 'undone_at', 'undone_by'])
    .where((eb) => eb.or([eb('kept_customer_id', '=', customerId), eb('merged_customer_id', '=', customerId)]))
    .orderBy('merge_id', 'desc').execute();
  return merges.map((merge) => ({
    ...merge,
    merged_by: actorForDisplay(merge.merged_by, options),
    undone_by: merge.undone_by === null ? null : actorForDisplay(merge.undone_by, options),
  }));
}
