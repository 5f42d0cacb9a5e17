import type { CustomerRef } from '../canonical.js';
import type { WriteContext } from './batch-context.js';
import type { GroupReject } from './group-orders.js';
import { differenceText, type FieldDifference } from './repeated-rows.js';
import { whereFirstAppeared } from './row-place.js';

/**
 * An order id met again in the same import: on an earlier row of this batch, or (`isEarlierBatch`) one an earlier batch stored.
 * `difference`: the first field the row states otherwise than the first (an exact repeat is no reject, see repeated-rows.ts).
 */
export function duplicateOrder(
  order: string, firstLine: number, context: Pick<WriteContext, 'linesOf'>, isEarlierBatch = false, difference: FieldDifference | null = null,
): GroupReject {
  const whereFirst = whereFirstAppeared(firstLine, context, isEarlierBatch);
  return {
    field: 'order_id', code: 'ORDER_DUPLICATE_IN_FILE', params: { order, firstLine, ...differenceParams(difference) },
    reason: difference
      ? `Duplicate order id ${order} ${differenceText(difference, whereFirst)}. Keep one row per order.`
      : `Duplicate order id ${order}: it already appeared ${whereFirst}. Keep one row per order.`,
  };
}

/**
 * The differing column and both its values, as written ('' for none), for a reader in another language
 * (the web's reject-text.ts); none when the first row's value is not known (an earlier batch keeps its text's digest only).
 */
function differenceParams(difference: FieldDifference | null): { column?: string; value?: string; firstValue?: string } {
  if (difference === null) return {};
  const [value, firstValue] = [writtenValue(difference.value), writtenValue(difference.firstValue)];
  return value === null || firstValue === null ? {} : { column: difference.field, value, firstValue };
}

/** A value as differenceText shows it, back as written: quoted text unquoted, "none" empty, money and times bare; null for a value not known. */
function writtenValue(shown: string): string | null {
  if (shown === 'none') return '';
  if (shown.length >= 2 && shown.startsWith('"') && shown.endsWith('"')) return shown.slice(1, -1);
  // what repeated-rows.ts shows for the first value of a row an earlier batch stored: its text is not kept
  return shown === 'another' || shown === 'other text' ? null : shown;
}

/**
 * An order id an earlier batch stored, met again in a row whose text differs from the first one's where
 * its text digest cannot say which column (row-text-digest.ts), though no field the order stores differs: one of `columns`, the row's.
 * `hasOtherColumns`: the two rows do not give the same columns (JSON Lines records with keys of their own), said so.
 */
export function duplicateOrderInUnstoredColumn(
  order: string, firstLine: number, context: Pick<WriteContext, 'linesOf'>, columns: readonly string[], hasOtherColumns = false,
): GroupReject {
  const whereFirst = whereFirstAppeared(firstLine, context, true);
  return {
    field: 'order_id', code: 'ORDER_DUPLICATE_IN_FILE', params: { order, firstLine },
    reason: `Duplicate order id ${order}: ${unstoredColumnText(whereFirst, columns, hasOtherColumns, 'order')}. Keep one row per order.`,
  };
}

/** Why a repeat's text differs from the row before it, where its digest cannot name the column (an order's or an event's). */
export function unstoredColumnText(whereFirst: string, columns: readonly string[], hasOtherColumns: boolean, entity: 'order' | 'event'): string {
  const named = columns.length > 8 ? `${columns.slice(0, 8).join(', ')} and ${columns.length - 8} more` : columns.join(', ');
  return hasOtherColumns
    ? `its columns are not those of the row ${whereFirst}, or come in another order (this row gives ${named}), so which of its texts differs cannot be told, though every field the ${entity} stores is the same`
    : `its text differs from the row ${whereFirst} in one of the columns ${named}, though every field the ${entity} stores is the same`;
}

/** The field an order's customer reference was read from. */
export function customerRefField(ref: CustomerRef): string {
  return `customer_${ref.kind === 'external' ? 'id' : ref.kind}`;
}

/**
 * A stored order whose row names another customer: named by the reference the row gives first
 * (its customer_id, else its email, else its phone), the one that decides whose the row is.
 * Names the owner: a caller who may not read customers gets it as other-customers-hidden.ts rewrites it.
 */
export function orderOfOtherCustomer(order: { externalId: string; customer: readonly CustomerRef[] }, ownerId: number): GroupReject {
  const ref = order.customer[0];
  const field = ref ? customerRefField(ref) : 'customer_id';
  const value = ref?.value ?? '';
  return {
    field, code: 'ORDER_OTHER_CUSTOMER', params: { order: order.externalId, customerId: ownerId, field, value },
    reason: `Order ${order.externalId} already belongs to customer #${ownerId}, but this row's ${field} "${value}" names another customer, and an order keeps its customer. `
      + `If it is another order, give it an order id of its own; if it is the same order, correct ${field}, or, when both are one person, merge the customers and import the row again.`,
  };
}
