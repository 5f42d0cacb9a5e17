import { fromMinorUnits, minorUnitsOf } from '../../core/money.js';
import { identityTripleKey, isGuessedRef } from '../../customers/identity-resolution.js';
import type { CanonicalEvent, CanonicalOrder, CanonicalProduct, CustomerRef } from '../canonical.js';
import { columnOfFieldOfRow, unreadColumnsOfRow, valuesOfRow } from '../rows/row-parser.js';
import { countryCode } from '../rows/country.js';
import { ordersStatingRefund } from '../rows/build-order.js';
import { singleLineText } from '../../customers/single-line-text.js';
import { compareRowText, type TextComparison } from './row-text-digest.js';
import type { RecordValues } from '../presets/preset.js';

/**
 * Rows an import meets twice under one id. An export often repeats a row whole: the second
 * copy adds nothing to what the first stored, so it counts as unchanged rather than rejected.
 * A repeat that states any stored field otherwise is rejected, naming the first such field.
 */

/** A field of a repeated row as this row and the first one give it, each as a reason shows it. */
export type FieldDifference = { field: string; value: string; firstValue: string };

/** A field's value as a reason shows it: text quoted, money and ids bare (quoted as written where both rows' cells are known, quotedAsWritten), nothing as "none". */
type Shown = string;

const none: Shown = 'none';
const text = (value: string | null): Shown => (value === null || value === '' ? none : `"${value}"`);
const time = (value: Date | string): Shown => new Date(value).toISOString();

/** Minor units as the decimal amount a file writes (1250 EUR → 12.50); text compared as shown, so equal text is equal money. */
export function shownMoney(minor: number | null, currency: string): Shown {
  if (minor === null) return none;
  return fromMinorUnits(Number(minor), currency).toFixed(minorUnitsOf(currency));
}

/** The first field, in the order a file's columns name them, whose two values differ; null when none does. */
export function firstDifference(fields: ReadonlyArray<readonly [field: string, value: Shown, firstValue: Shown]>): FieldDifference | null {
  const found = fields.find(([, value, firstValue]) => value !== firstValue);
  return found ? { field: found[0], value: found[1], firstValue: found[2] } : null;
}

/**
 * A field's cell as its row wrote it, from the column the field was read from ('' for an empty one);
 * undefined when not known (a row built otherwise, or one without such a column: a record without the key).
 */
function writtenCell(row: object, field: string): string | undefined {
  const column = columnOfFieldOfRow.get(row)?.get(field) ?? field;
  const value = valuesOfRow.get(row)?.[column];
  return value === undefined ? undefined : value ?? '';
}

/**
 * A difference in a field a reason would show read (money as 12.50, a time in UTC: `fields`), quoted as
 * each row wrote it instead ("11,00", not 11.00), when both rows' cells are known and differ: a reject
 * quotes values as written. Otherwise as it was, both values read, never one of each.
 */
function quotedAsWritten(difference: FieldDifference | null, row: object, first: object, fields: ReadonlySet<string>): FieldDifference | null {
  if (difference === null || !fields.has(difference.field)) return difference;
  const [value, firstValue] = [writtenCell(row, difference.field), writtenCell(first, difference.field)];
  return value === undefined || firstValue === undefined || value === firstValue ? difference : { ...difference, value: text(value), firstValue: text(firstValue) };
}

const orderReadFields = new Set(['ordered_at', 'amount', 'refunded_amount', 'discount_amount']);
const productReadFields = new Set(['unit_price']);

/** "with a different amount: "12,50" here, "12,00" on line 4 of this file", for a reason's first sentence. */
export function differenceText({ field, value, firstValue }: FieldDifference, whereFirst: string): string {
  return `with a different ${field}: ${value} here, ${firstValue} ${whereFirst}`;
}

/** The customer fields a row states (`customer_id`, `customer_email`, `customer_phone`), not those read from another. */
function refFields(prefix: 'customer' | 'recipient', refs: readonly CustomerRef[] | null, firstRefs: readonly CustomerRef[] | null) {
  const valuesOf = (stated: readonly CustomerRef[] | null, kind: CustomerRef['kind']) =>
    text((stated ?? []).filter((ref) => ref.kind === kind && !isGuessedRef(ref)).map((ref) => ref.value).join(', ') || null);
  return (['external', 'email', 'phone'] as const).map((kind) =>
    [`${prefix}_${kind === 'external' ? 'id' : kind}`, valuesOf(refs, kind), valuesOf(firstRefs, kind)] as const);
}

/**
 * The first column whose text differs between a row and the earlier row it repeats, when both were
 * read from written values: a repeat must be the same text, columns no field stores included (an
 * order's product_name set aside for want of a unit_price tells two lines of one order apart).
 */
export function writtenDifference(row: object, first: object, mayDiffer: (value: string, firstValue: string) => boolean = () => false): FieldDifference | null {
  const [values, firstValues] = [valuesOfRow.get(row), valuesOfRow.get(first)];
  if (values === undefined || firstValues === undefined) return null;
  for (const column of new Set([...Object.keys(firstValues), ...Object.keys(values)])) {
    const [value, firstValue] = [values[column] ?? null, firstValues[column] ?? null];
    if ((value ?? '') !== (firstValue ?? '') && !mayDiffer(value ?? '', firstValue ?? '')) return { field: column, value: text(value), firstValue: text(firstValue) };
  }
  return null;
}

const placeFields = [
  { read: (written: string) => singleLineText(written) || null, of: (order: CanonicalOrder) => order.customerCity },
  { read: (written: string) => singleLineText(written) || null, of: (order: CanonicalOrder) => order.customerRegion },
  { read: (written: string) => countryCode(written), of: (order: CanonicalOrder) => order.customerCountry },
];

/**
 * Whether two texts of a column are each the buyer's place its row gives, the same one of
 * customer_city, customer_region or customer_country (empty where the row gives none). The rows
 * only say where the order's buyer lives (the first row's is kept), so they may say it otherwise:
 * a repeat differing there is still a repeat. The row keeps values by column and its place by
 * field, so the column is known by its text being that place's.
 */
function isBuyerPlaceOfEach(row: CanonicalOrder, first: CanonicalOrder): (value: string, firstValue: string) => boolean {
  const holds = (order: CanonicalOrder, written: string, field: PlaceField) => (written.trim() === '' ? (field.of(order) ?? null) === null : writesPlace(order, written, field));
  return (value, firstValue) => (value.trim() !== '' || firstValue.trim() !== '')
    && placeFields.some((field) => holds(row, value, field) && holds(first, firstValue, field));
}

type PlaceField = (typeof placeFields)[number];

/** Whether `written` is the place the order gives in `field` (a non-empty one). */
const writesPlace = (order: CanonicalOrder, written: string, field: PlaceField): boolean => field.of(order) != null && field.read(written) === field.of(order);

/**
 * An orders row's text as a repeat in a later batch compares it (row-text-digest.ts): a column whose
 * text is the buyer's place the row gives (placeFields, as isBuyerPlaceOfEach knows it) is left empty,
 * since a digest keeps no text to tell which place an earlier row gave; so a repeat differing only
 * there is a repeat across batches as in one. Undefined when the row's text is not known.
 */
export function orderRowText(row: CanonicalOrder): RecordValues | undefined {
  const values = valuesOfRow.get(row);
  // most files give no place: their rows' text is compared as read, nothing looked at per column
  if (values === undefined || placeFields.every((field) => field.of(row) == null)) return values;
  const isPlace = (written: string) => placeFields.some((field) => writesPlace(row, written, field));
  const names = Object.keys(values);
  if (!names.some((name) => (values[name] ?? '').trim() !== '' && isPlace(values[name]!))) return values;
  return Object.fromEntries(names.map((name) => [name, (values[name] ?? '').trim() !== '' && isPlace(values[name]!) ? '' : values[name]]));
}

/**
 * A row that repeats one an earlier batch stored, and gives a customer an identity its batch adds
 * (an email the stored row did not give): the first such field it states, differing from the first row's.
 */
export function newIdentityDifference(
  stated: { customer: readonly CustomerRef[]; recipient?: readonly CustomerRef[] | null }, newIdentityKeys: ReadonlySet<string>,
): FieldDifference | null {
  if (newIdentityKeys.size === 0) return null;
  for (const prefix of ['customer', 'recipient'] as const) {
    const ref = (stated[prefix] ?? []).find((candidate) => !isGuessedRef(candidate) && newIdentityKeys.has(identityTripleKey(candidate)));
    if (ref) return { field: `${prefix}_${ref.kind === 'external' ? 'id' : ref.kind}`, value: text(ref.value), firstValue: 'another' };
  }
  return null;
}

/**
 * The column a row's text differs in from the row that stored its order in an earlier batch, as its
 * text digest tells it (row-text-digest.ts): that row's text is not kept, only which column differs.
 */
function textDifference(row: object, column: string | null): FieldDifference | null {
  if (column === null) return null;
  return { field: column, value: text(valuesOfRow.get(row)?.[column] ?? null), firstValue: earlierBatchText };
}

// what a reason shows for the value of a row an earlier batch stored: only its text digest is kept
const earlierBatchText = 'other text';

/** How a row's text compares with that of the row an earlier batch stored, by its digest; null when either is not known. */
export function comparedWithRemembered(row: object, digest: Buffer | null | undefined): TextComparison | null {
  return compareText(valuesOfRow.get(row), digest);
}

/** comparedWithRemembered for an orders row, whose buyer's place a repeat may state otherwise (orderRowText). */
export function comparedOrderWithRemembered(row: CanonicalOrder, digest: Buffer | null | undefined): TextComparison | null {
  return compareText(orderRowText(row), digest);
}

const compareText = (values: RecordValues | undefined, digest: Buffer | null | undefined) =>
  (values === undefined || digest == null ? null : compareRowText(values, digest));

/** What a repeat of an earlier batch's row states otherwise: the stored field first, else the column its text differs in. */
export function earlierBatchDifference(row: object, stored: FieldDifference | null, text: TextComparison | null): FieldDifference | null {
  return stored ?? (text && !text.isSame ? textDifference(row, text.column) : null);
}

/**
 * A row naming another customer than the row that stored its order in an earlier batch: by the first
 * reference it gives (its customer_id, else email, else phone), the one that decides whose the row
 * is, as a repeat in the same batch names it.
 */
export function customerDifferenceFromEarlierBatch(row: CanonicalOrder): FieldDifference {
  const [field, value] = refFields('customer', row.customer, null).find(([, shown]) => shown !== none) ?? ['customer_id', none];
  return { field, value, firstValue: earlierBatchText };
}

/**
 * Whether a row gives a value in a column no field reads: repeating a row an earlier batch stored
 * whose text digest is not known, it cannot be told from a row that differs there, so it is no exact repeat.
 */
export function hasUnreadValues(row: object): boolean {
  const [columns, values] = [unreadColumnsOfRow.get(row), valuesOfRow.get(row)];
  return columns !== undefined && values !== undefined && columns.some((column) => (values[column] ?? '') !== '');
}

/** Where a whole-order row (no line columns) differs from an earlier row of the same order in the batch. */
export function orderRowDifference(row: CanonicalOrder, first: CanonicalOrder): FieldDifference | null {
  return quotedAsWritten(orderFieldDifference(row, first), row, first, orderReadFields) ?? writtenDifference(row, first, isBuyerPlaceOfEach(row, first));
}

function orderFieldDifference(row: CanonicalOrder, first: CanonicalOrder): FieldDifference | null {
  // a refund the row did not send is its status's (refunded: the whole amount): the status it sent is named
  const isRefundFromStatus = !ordersStatingRefund.has(row) && row.status !== first.status;
  return firstDifference([
    ...refFields('customer', row.customer, first.customer),
    ['customer_name', text(row.customerName ?? null), text(first.customerName ?? null)],
    ['ordered_at', time(row.orderedAt), time(first.orderedAt)],
    ['currency', row.currency, first.currency],
    ['amount', shownMoney(row.totalMinor, row.currency), shownMoney(first.totalMinor, first.currency)],
    ...(isRefundFromStatus ? [] : [['refunded_amount', shownMoney(row.refundedMinor, row.currency), shownMoney(first.refundedMinor, first.currency)] as const]),
    ['discount_amount', shownMoney(row.discountMinor, row.currency), shownMoney(first.discountMinor, first.currency)],
    ['promotion_code', text(row.promotionCode), text(first.promotionCode)],
    ['channel', text(row.channel), text(first.channel)],
    ['status', text(row.status), text(first.status)],
    ...refFields('recipient', row.recipient, first.recipient),
    ['location', text(row.location), text(first.location)],
  ]);
}

/** An order as stored, and as a row of the same import would store it: refunds and discounts in the store's currency. */
export type OrderAsStored = {
  orderedAt: Date | string; currency: string; totalMinor: number | null; refundedMinor: number; discountMinor: number;
  promotionCode: string | null; channel: string; status: string; recipientId: number | null; location: string | null;
};

/**
 * Where a row differs from the order an earlier batch of its import stored (its customer is compared before).
 * `read`: the row as read, when known: a refund it did not send is its status's, and the status it sent is named
 * (as orderFieldDifference does in one batch), not "a different refunded_amount: 10.00"; and its own value is
 * quoted as written, as in one batch, the stored one quoted as stored (that row's text is not kept, only its digest).
 */
export function storedOrderDifference(row: OrderAsStored, stored: OrderAsStored, storeCurrency: string, read?: CanonicalOrder): FieldDifference | null {
  const recipient = (id: number | null) => (id === null ? none : `customer #${id}`);
  const isRefundFromStatus = read !== undefined && !ordersStatingRefund.has(read) && row.status !== stored.status;
  const difference = firstDifference([
    ['ordered_at', time(row.orderedAt), time(stored.orderedAt)],
    ['currency', row.currency, stored.currency],
    ['amount', shownMoney(row.totalMinor, row.currency), shownMoney(stored.totalMinor, stored.currency)],
    ...(isRefundFromStatus ? [] : [['refunded_amount', shownMoney(row.refundedMinor, storeCurrency), shownMoney(stored.refundedMinor, storeCurrency)] as const]),
    ['discount_amount', shownMoney(row.discountMinor, storeCurrency), shownMoney(stored.discountMinor, storeCurrency)],
    ['promotion_code', text(row.promotionCode), text(stored.promotionCode)],
    ['channel', text(row.channel), text(stored.channel)],
    ['status', text(row.status), text(stored.status)],
    ['recipient', recipient(row.recipientId), recipient(stored.recipientId)],
    ['location', text(row.location), text(stored.location)],
  ]);
  // a refund or discount compared in the store's currency is shown so when the row wrote it in another
  const isWrittenAsCompared = difference !== null && (row.currency === storeCurrency || !storeCurrencyFields.has(difference.field));
  const written = read !== undefined && isWrittenAsCompared && orderReadFields.has(difference.field) ? writtenCell(read, difference.field) : undefined;
  // quoted as the same batch quotes a first row's: a file writing its amounts plainly reads the same at any batch size
  return written === undefined ? difference : { ...difference!, value: text(written), firstValue: difference!.firstValue === none ? none : `"${difference!.firstValue}"` };
}

const storeCurrencyFields = new Set(['refunded_amount', 'discount_amount']);

/** Where an event row differs from an earlier row with the same event id in the batch. */
export function eventRowDifference(row: CanonicalEvent, first: CanonicalEvent): FieldDifference | null {
  return firstDifference([
    ...refFields('customer', row.customer, first.customer),
    ['kind', text(row.kind), text(first.kind)],
    ['channel', text(row.channel), text(first.channel)],
    ['occurred_at', time(row.occurredAt), time(first.occurredAt)],
    ['detail', text(row.detail), text(first.detail)],
  ]) ?? writtenDifference(row, first);
}

/** An event as stored, and as a row would store it. */
export type EventAsStored = { customerId: number; kind: string; channel: string; occurredAt: Date | string; detail: string | null };

/** Where an event row differs from the event an earlier batch of its import stored. */
export function storedEventDifference(row: EventAsStored, stored: EventAsStored): FieldDifference | null {
  return firstDifference([
    ['customer', `customer #${row.customerId}`, `customer #${stored.customerId}`],
    ['kind', text(row.kind), text(stored.kind)],
    ['channel', text(row.channel), text(stored.channel)],
    ['occurred_at', time(row.occurredAt), time(stored.occurredAt)],
    ['detail', text(row.detail), text(stored.detail)],
  ]);
}

/** Where a product row differs from an earlier row with the same SKU in the batch (its price as written, in its currency). */
export function productRowDifference(row: CanonicalProduct, first: CanonicalProduct): FieldDifference | null {
  return quotedAsWritten(firstDifference([
    ['name', text(row.name), text(first.name)],
    ['category', text(row.category), text(first.category)],
    ['currency', row.currency, first.currency],
    ['unit_price', shownMoney(row.unitPriceMinor, row.currency), shownMoney(first.unitPriceMinor, first.currency)],
  ]), row, first, productReadFields) ?? writtenDifference(row, first);
}
