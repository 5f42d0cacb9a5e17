import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { BatchOutcome, WriteContext } from './batch-context.js';
import type { GroupReject } from './group-orders.js';
import type { StagedOrder } from './insert-orders.js';
import type { OrderFate } from './order-counts.js';
import { duplicateOrder, duplicateOrderInUnstoredColumn } from './order-rejects.js';
import {
  hasUnreadValues, newIdentityDifference, orderRowDifference, storedOrderDifference, comparedOrderWithRemembered, earlierBatchDifference, type FieldDifference, type OrderAsStored,
} from './repeated-rows.js';
import type { TextComparison } from './row-text-digest.js';
import { valuesOfRow } from '../rows/row-parser.js';
import { rememberedTextsOf } from './row-text-memory.repo.js';
import { inStoreCurrency } from './batch-context.js';
import { identityTripleKey } from '../../customers/identity-resolution.js';
import type { CanonicalOrder } from '../canonical.js';

type Db = Kysely<Database>;

/** What the careful path found stored for a row (write-orders.ts, findExisting). */
type Found = { import_line: number | null; is_same: boolean };

/** How the careful path settles a row: rejects it, or records what its order became. */
export type SettleRow = { reject: (order: StagedOrder, why: GroupReject, what: OrderFate) => void; fate: (order: StagedOrder, what: OrderFate) => void };

/**
 * Whole-order rows repeating an order an earlier batch of this import stored (that batch counted
 * the order), judged as a repeat of a row in the same batch is, by the text of the row that stored
 * it (import_row_text, row-text-memory.repo.ts): the same text in every column, read or not, is
 * unchanged and left as it is (its import_line keeps naming the first row); any other is rejected,
 * naming the first field it states otherwise than the stored order, else the first column whose
 * text differs. One that gives its customer or recipient an identity this batch adds (an email the
 * first row did not give) states them otherwise too: rejected, the identity is taken back, as in one batch.
 * Without the first row's text (a row built otherwise, or an API batch sent without its file's lines),
 * a row stating the order as stored is unchanged unless it has a value in a column no field reads.
 * A row cannot repeat an order stored with lines by this import: it states no lines.
 */
export async function judgeEarlierBatchRepeats(
  db: Db, repeats: ReadonlyArray<{ order: StagedOrder; found: Found }>, context: WriteContext, outcome: BatchOutcome, { reject, fate }: SettleRow,
  newIdentityKeys: ReadonlySet<string>,
): Promise<void> {
  const storedByLine = await findStoredOfThisImport(db, repeats.map(({ order }) => order.order.line), context.importId);
  for (const { order, found } of repeats) {
    const stored = storedByLine.get(order.order.line);
    const newIdentity = newIdentityDifference(order.order, newIdentityKeys);
    const text = stored ? comparedOrderWithRemembered(order.order, stored.textDigest) : null;
    const isExact = text ? text.isSame : found.is_same && !hasUnreadValues(order.order);
    const firstLine = Number(found.import_line);
    // rows of this batch stating the order otherwise than its first row here are judged against the row
    // that stored it, whether this one repeats it exactly or not, as in one batch with that row
    const isUnchanged = stored !== undefined && !stored.hasLinesOfThisImport && newIdentity === null && isExact;
    if (stored) judgeDifferingRows(order, stored, firstLine, isUnchanged, context, outcome, newIdentityKeys);
    if (isUnchanged) {
      outcome.unchanged += order.rowLines.length;
      fate(order, 'counted');
      continue;
    }
    const difference = newIdentity ?? (stored ? storedOrderDifference(
      { ...order.order, totalMinor: order.totalMinor, refundedMinor: order.refundedMinor, discountMinor: order.discountMinor, recipientId: order.recipientId }, stored, context.currency, order.order) : null);
    reject(order, repeatReject(order.order, firstLine, context, difference, text), 'counted');
  }
}

/** The reject of a repeat that differs: naming the stored field, else the column whose text differs, else the columns that may. */
function repeatReject(row: CanonicalOrder, firstLine: number, context: WriteContext, difference: FieldDifference | null, text: TextComparison | null) {
  const differs = earlierBatchDifference(row, difference, text);
  if (differs === null && text && !text.isSame) return duplicateOrderInUnstoredColumn(row.externalId, firstLine, context, Object.keys(valuesOfRow.get(row) ?? {}), text.hasOtherColumns);
  return duplicateOrder(row.externalId, firstLine, context, true, differs);
}

/** The orders staged on `lines` as stored, read only for rows that repeat an order of this import. */
async function findStoredOfThisImport(
  db: Db, lines: readonly number[], importId: number,
): Promise<Map<number, OrderAsStored & { hasLinesOfThisImport: boolean; textDigest: Buffer | null }>> {
  const result = await sql<{
    line: number; ordered_at: Date | string; currency: string; total_minor: string | number | null; refunded_minor: string | number; discount_minor: string | number;
    promotion_code: string | null; channel: string; status: string; recipient_customer_id: string | number | null; location: string | null; has_lines_of_this_import: boolean;
    text_digest: Buffer | null;
  }>`
    with found as (
      -- as the source stated them: credit notes may have changed the refund and status stored (orders/order-credits.repo.ts)
      select s.line, o.import_line, o.ordered_at, o.currency, o.total_minor, o.refunded_minor - o.credited_minor as refunded_minor, o.discount_minor,
        o.promotion_code, o.channel, coalesce(o.stated_status, o.status) as status,
        o.recipient_customer_id, o.location,
        exists (select 1 from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id and l.import_id = ${importId}::bigint) as has_lines_of_this_import
      from stage_order_group s join customer_order o on o.source = s.source and o.external_id = s.external_id
      where s.line = any(${lines}::int[])
    )
    select f.*, t.text_digest from found f
    left join ${rememberedTextsOf(importId, sql`(select distinct import_line from found where import_line is not null)`)} as t on t.line = f.import_line`.execute(db);
  const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));
  return new Map(result.rows.map((row) => [Number(row.line), {
    orderedAt: row.ordered_at, currency: row.currency.trim(), totalMinor: numberOrNull(row.total_minor), refundedMinor: Number(row.refunded_minor),
    discountMinor: Number(row.discount_minor), promotionCode: row.promotion_code, channel: row.channel, status: row.status,
    recipientId: numberOrNull(row.recipient_customer_id), location: row.location, hasLinesOfThisImport: row.has_lines_of_this_import,
    textDigest: row.text_digest,
  }]));
}

/** The identities a batch adds to customers already known, as identityTripleKey gives them. */
export function newIdentityKeysOf(resolution: { newIdentities: ReadonlyArray<{ identity: Parameters<typeof identityTripleKey>[0] }> }): Set<string> {
  return new Set(resolution.newIdentities.map(({ identity }) => identityTripleKey(identity)));
}

/**
 * Rows of the batch that state an order otherwise than its first row there, when that row repeats
 * the order an earlier batch stored: each is judged against the row that stored it, as it would be
 * in one batch with that row (`firstLine`). One of the same text is unchanged (its reject taken back
 * from `outcome`); any other is rejected naming the stored row. A row naming its customer or
 * recipient otherwise than the batch's first row stays rejected (those were not resolved), naming the
 * stored row too: by how it differs from the batch's first row when that row repeats the stored one
 * exactly (`isFirstExact`), else by the column its text differs in from the stored row's, when known.
 */
function judgeDifferingRows(
  order: StagedOrder, stored: OrderAsStored & { textDigest: Buffer | null }, firstLine: number, isFirstExact: boolean, context: WriteContext,
  outcome: BatchOutcome, newIdentityKeys: ReadonlySet<string>,
): void {
  for (const { row, reject } of order.differingRows ?? []) {
    const text = comparedOrderWithRemembered(row, stored.textDigest);
    const at = outcome.rejects.indexOf(reject);
    const newIdentity = newIdentityDifference(row, newIdentityKeys);
    if (text?.isSame && newIdentity === null && at >= 0) {
      outcome.rejects.splice(at, 1);
      outcome.unchanged += 1;
      continue;
    }
    const sameParties = orderRowDifference({ ...order.order, customer: row.customer, customerName: row.customerName, recipient: row.recipient }, order.order) === null
      && row.currency === order.order.currency;
    if (!sameParties) {
      const difference = newIdentity ?? (isFirstExact ? orderRowDifference(row, order.order) : null);
      if (difference !== null || text !== null) Object.assign(reject, repeatReject(row, firstLine, context, difference, text));
      continue;
    }
    const difference = newIdentity ?? storedOrderDifference({
      ...row, totalMinor: row.totalMinor, refundedMinor: inStoreCurrency(row.refundedMinor, order.factor),
      discountMinor: inStoreCurrency(row.discountMinor, order.factor), recipientId: order.recipientId,
    }, stored, context.currency, row);
    if (difference === null && text === null && !hasUnreadValues(row) && at >= 0) {
      outcome.rejects.splice(at, 1);
      outcome.unchanged += 1;
    } else Object.assign(reject, repeatReject(row, firstLine, context, difference, text));
  }
}
