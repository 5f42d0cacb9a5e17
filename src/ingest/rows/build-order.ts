import type { CanonicalLine, CanonicalOrder, IngestContext } from '../canonical.js';
import { minorUnitsOf } from '../../core/money.js';
import { normaliseExternalId } from '../../customers/identity.js';
import { lineLevelFields } from './fields.js';
import { isRefundTooLarge, settleOrderStatus } from './order-status.js';
import { lineAmountMinor, maximumAmountMinor, shownLimit } from './amount-limit.js';
import { amountReading, parseMoney, parseQuantity } from './parse-amount.js';
import { parseDateTime, type DateOptions } from './parse-date.js';
import { countryCode } from './country.js';
import { personName, profileText } from './person-name.js';
import { fail, type FieldValues } from './row-problem.js';
import { channelSynonyms, lookUp, statusSynonyms } from './synonyms.js';
import { customerExternalId, customerRefs, failIfOnlyMaskedPhone, failNamingNoCustomer, integer, isGuestId, requireExternalId, requireText, resolveCurrency } from './row-values.js';
import { whyRequired } from './why-required.js';

export function isLineLevel(values: FieldValues): boolean {
  return lineLevelFields.some((field) => values.has(field));
}

/** The order line carried by one row of a line-level export (fields shared with `lines` files). */
export function buildLine(values: FieldValues, currency: string, context: Pick<IngestContext, 'refuseAmbiguousAmounts'> = {}): CanonicalLine {
  const writtenQuantity = values.text('quantity');
  const lineNo = integer(values, 'line_no', 1, 1_000_000);
  const quantity = writtenQuantity === null ? 1 : parseQuantity('quantity', writtenQuantity);
  const unitPrice = requireText(values, 'unit_price', whyRequired.lineUnitPrice);
  const unitPriceMinor = parseMoney('unit_price', unitPrice, currency, amountReading(context));
  checkLineAmount(unitPrice, writtenQuantity ?? '1', lineAmountMinor({ quantity, unitPriceMinor }), currency);
  return { lineNo, sku: normaliseExternalId(values.text('sku')), productName: values.text('product_name'), category: values.text('category'), quantity, unitPriceMinor };
}

/**
 * A price and a quantity each within limits can still make a line no order reaches (9999999999999 ×
 * 999999): refused here, naming the row, rather than summed into a total the store cannot keep. Its
 * params give the line's currency and that currency's decimals, as an amount too large does
 * (parse-amount.ts), so that the app shows amounts as that currency writes them ("1234 or 1.234" in IDR).
 */
export function checkLineAmount(unitPrice: string, quantity: string, amountMinor: number, currency: string): void {
  if (Number.isSafeInteger(amountMinor) && amountMinor <= maximumAmountMinor(currency)) return;
  const value = `${unitPrice} × ${quantity}`;
  fail('unit_price', 'AMOUNT_TOO_LARGE', `unit_price "${unitPrice}" × quantity "${quantity}" is more than an amount may be (${shownLimit(currency)}); check the unit_price and quantity columns hold prices and counts, not ids or totals`,
    { field: 'unit_price', value, currency, currencyDecimals: minorUnitsOf(currency) });
}

/**
 * The buyer's country as its ISO code, as a customers file's is read (build-customer.ts), but
 * one not recognised is left out rather than refusing the row: the row is a sale, and where its
 * buyer lives is no part of it ("EIRE", "Unspecified" in UCI Online Retail's Country column).
 */
function buyerCountry(values: FieldValues): string | null {
  const raw = values.text('customer_country');
  return raw === null ? null : countryCode(raw);
}

/**
 * The orders whose row gave a refunded_amount; any other order's refund is what its status says
 * (refunded: the whole amount). A repeat differing in a refund it never sent is told of the status it
 * did send (write/repeated-rows.ts), not of "a different refunded_amount: 10.00".
 */
export const ordersStatingRefund = new WeakSet<CanonicalOrder>();

export function buildOrder(values: FieldValues, line: number, context: IngestContext, dates: DateOptions): CanonicalOrder {
  const externalId = requireExternalId(values, 'order_id', whyRequired.orderId);
  const customer = customerRefs(values, 'customer_', context);
  if (customer.length === 0) {
    failIfOnlyMaskedPhone(values, 'customer_phone', 'order');
    const id = values.text('customer_id');
    if (id !== null && isGuestId(customerExternalId('customer_id', id))) fail('customer_id', 'CUSTOMER_MISSING', whyRequired.orderGuestCustomer(id));
    failNamingNoCustomer(values, 'order');
  }
  const orderedAt = parseDateTime('ordered_at', requireText(values, 'ordered_at', whyRequired.orderedAt), dates);
  const currency = resolveCurrency(values, context);
  const lineLevel = isLineLevel(values);
  const amount = values.text('amount');
  if (amount === null && !lineLevel) fail('amount', 'FIELD_REQUIRED', whyRequired.orderAmount, { field: 'amount' });
  const reading = amountReading(context);
  const totalMinor = amount === null ? null : parseMoney('amount', amount, currency, reading);
  const refunded = values.text('refunded_amount');
  const givenRefundMinor = refunded === null ? 0 : parseMoney('refunded_amount', refunded, currency, reading);
  if (totalMinor !== null && isRefundTooLarge(totalMinor, givenRefundMinor)) {
    fail('refunded_amount', 'REFUND_EXCEEDS_TOTAL', `refunded_amount "${refunded}" is more than the order amount "${amount}"; check both columns`, { refunded: refunded!, total: amount! });
  }
  const statedStatus = values.text('status');
  const readStatus = statedStatus === null ? null : lookUp('status', statedStatus, statusSynonyms);
  const { status, refundedMinor } = settleOrderStatus(readStatus, totalMinor, givenRefundMinor);
  const discount = values.text('discount_amount');
  const channel = values.text('channel');
  const recipient = customerRefs(values, 'recipient_', context);
  const order: CanonicalOrder = {
    line,
    source: context.source,
    externalId,
    customer,
    customerName: personName(values, { name: 'customer_name', first: 'customer_first_name', last: 'customer_last_name' }),
    customerCity: profileText(values, 'customer_city'),
    customerRegion: profileText(values, 'customer_region'),
    customerCountry: buyerCountry(values),
    orderedAt,
    currency,
    totalMinor,
    refundedMinor,
    discountMinor: discount === null ? 0 : parseMoney('discount_amount', discount, currency, reading),
    promotionCode: values.text('promotion_code'),
    channel: channel === null ? 'other' : lookUp('channel', channel, channelSynonyms),
    status,
    recipient: recipient.length > 0 ? recipient : null,
    location: values.text('location'),
    orderLine: lineLevel ? withReturnedQuantity(buildLine(values, currency, context), values, readStatus === 'refunded') : null,
  };
  if (refunded !== null) ordersStatingRefund.add(order);
  return order;
}

/**
 * The line with the returned quantity its row gives (Shopee's "Returned quantity"), read only when
 * the row says refunded: a return refused or still open leaves the sale whole, whatever the column
 * holds, and a row stating a refund of its own is refunded by that. None, or 0, returned the whole line.
 */
function withReturnedQuantity(line: CanonicalLine, values: FieldValues, isRefunded: boolean): CanonicalLine {
  const returnedQuantity = isRefunded ? returnedQuantityOf(values, line.quantity) : null;
  return returnedQuantity === null || returnedQuantity === 0 ? line : { ...line, returnedQuantity };
}

/** A refunded row's returned_quantity, read as quantity is; more than the line's quantity stops the row. */
export function returnedQuantityOf(values: FieldValues, quantity: number): number | null {
  const raw = values.text('returned_quantity');
  if (raw === null) return null;
  // a count of items given back: "negative quantities are returns" (parseQuantity's advice) says nothing here
  if (/^\s*[-\u2212]/.test(raw)) {
    fail('returned_quantity', 'QUANTITY_NEGATIVE', `returned_quantity "${raw}" is negative; write how many of the line's items came back, from 0 to its quantity, ${quantity}`, { field: 'returned_quantity', value: raw });
  }
  const returned = parseQuantity('returned_quantity', raw);
  // part of an item is returned only of a line sold by weight or length (its quantity not whole)
  if (!Number.isInteger(returned) && Number.isInteger(quantity)) {
    fail('returned_quantity', 'QUANTITY_UNREADABLE', `returned_quantity "${raw}" is not a whole number of items, though the line's quantity, ${quantity}, is; write how many items came back`, { field: 'returned_quantity', value: raw });
  }
  if (returned > quantity) {
    // VALUE_NOT_ALLOWED without `allowed`, as an id with an invisible character: a reader of codes shows this reason, which names both numbers
    fail('returned_quantity', 'VALUE_NOT_ALLOWED',
      `returned_quantity "${raw}" is more than the line's quantity, ${quantity}: a return takes back at most the items bought; check both columns`,
      { field: 'returned_quantity', value: raw, quantity });
  }
  return returned;
}
