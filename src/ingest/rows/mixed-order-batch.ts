import type { Reject } from '../canonical.js';
import { rowName, type LinesOf } from '../write/row-place.js';

const hasUnitPrice = (record: unknown) => typeof record === 'object' && record !== null && !Array.isArray(record) && 'unit_price' in record;

/**
 * The place of an orders batch's first record with unit_price, which makes the whole batch order
 * lines (fields.ts, readsWholeOrders: a batch is read one way, as a file's columns are); null when
 * none has it.
 */
export function firstOrderLineRecord(records: readonly unknown[], lineOf: (index: number) => number): number | null {
  const index = records.findIndex(hasUnitPrice);
  return index < 0 ? null : lineOf(index);
}

/**
 * A whole order (no unit_price at all) sent in a batch of order lines fails as a line without its
 * price: its reject says why it was read as a line, and which record made it so, since "unit_price
 * is empty" alone sends the sender looking for a price the record never meant to have.
 */
export function explainMixedOrderBatch(reject: Reject, record: unknown, firstLine: number | null, place: { linesOf: LinesOf }): Reject {
  if (firstLine === null || reject.code !== 'FIELD_REQUIRED' || reject.field !== 'unit_price' || hasUnitPrice(record)) return reject;
  const reason = `${rowName(reject.line, place)} has no unit_price, but ${rowName(firstLine, place)} has one, and a batch of orders is read one way: `
    + `as order lines from its first record with unit_price, so each of its records needs one; send whole orders (with amount) and order lines (with unit_price) in separate batches`;
  return { ...reject, reason };
}
