import { orderKeyOf, type CanonicalLine, type CanonicalOrder, type CustomerRef, type Reject } from '../canonical.js';
import { isGuessedRef } from '../../customers/identity-resolution.js';
import type { WriteContext } from './batch-context.js';
import { customerRefField, duplicateOrder } from './order-rejects.js';
import { orderRowDifference } from './repeated-rows.js';
import { rowName } from './row-place.js';
import { lineAmountMinor, maximumAmountMinor, shownLimit, sumOfLinesWithin } from '../rows/amount-limit.js';

export type OrderGroup = {
  order: CanonicalOrder;
  /** Lines in file order, with the file line each came from. */
  lines: Array<CanonicalLine & { fileLine: number }>;
  /** The file lines of every row of this order in the batch, first included: each row is counted once. */
  rowLines: number[];
  /**
   * Whole-order rows that repeat the first one exactly (an export that repeats a row), not among
   * `rowLines`: unchanged once the order is stored, rejected with it otherwise.
   */
  repeatLines: number[];
  /**
   * Whole-order rows that state the order otherwise than its first row in the batch, rejected as such
   * (`reject`, in the batch's rejects); when that first row repeats an order an earlier batch stored,
   * each is judged against the stored order instead (earlier-batch-repeats.ts), as in one batch.
   */
  differingRows?: Array<{ row: CanonicalOrder; reject: Reject }>;
  /** The order's rows carry line items (one row per line, order fields repeated), so its lines are written. */
  hasLines: boolean;
  /** No row stated the order's total: it is the sum of its lines less its discount. */
  isTotalFromLines: boolean;
  /** The order total in its own currency: as stated, else the sum of this batch's lines less the discount. */
  totalMinor: number;
};

export { lineAmountMinor };

/**
 * How far apart the times on the rows of one order may be: a till that stamps
 * each line as it is keyed writes a long order across a minute or a few (UCI
 * Online Retail's invoice 536591: 34 rows at 16:57, 6 at 16:58). Rows this close
 * are one order, stored at its earliest time; rows further apart are more likely
 * two orders that share an id (a reset counter, two tills) and reject the order.
 */
export const orderRowsTimeSpreadMinutes = 5;
const orderRowsTimeSpreadMs = orderRowsTimeSpreadMinutes * 60_000;

/**
 * Groups a batch's rows into orders. An export with line columns repeats the
 * order on each of its lines (its total, when it has one, stated on the first
 * row or on every row); a whole-order row repeated exactly is kept aside as a
 * repeat (`repeatLines`); any other repeat of an order id within one file is a
 * mistake in the file and is rejected, naming the line where it first appeared
 * and, for a whole-order row, the first field it states otherwise.
 */
export function groupOrderRows(rows: CanonicalOrder[], context: Pick<WriteContext, 'file' | 'linesOf'>): { groups: OrderGroup[]; rejects: Reject[] } {
  const { file } = context;
  const byKey = new Map<string, OrderGroup>();
  const conflicts = new Map<OrderGroup, GroupReject>();
  const timeSpans = new Map<OrderGroup, TimeSpan>();
  const rejects: Reject[] = [];
  for (const row of rows) {
    const existing = byKey.get(orderKeyOf(row.source, row.externalId));
    if (!existing) {
      byKey.set(orderKeyOf(row.source, row.externalId), {
        order: row,
        lines: row.orderLine ? [{ ...row.orderLine, fileLine: row.line }] : [],
        rowLines: [row.line],
        repeatLines: [],
        hasLines: row.orderLine !== null,
        isTotalFromLines: row.totalMinor === null,
        totalMinor: row.totalMinor ?? 0,
      });
      continue;
    }
    if (row.orderLine && existing.hasLines) {
      const span = widenTimeSpan(timeSpans.get(existing) ?? { earliest: existing.order, latest: existing.order }, row);
      timeSpans.set(existing, span);
      if (!conflicts.has(existing)) {
        const conflict = orderFieldConflict(existing.order, row, context) ?? timeSpanConflict(span, context);
        if (conflict) conflicts.set(existing, conflict);
      }
      existing.lines.push({ ...row.orderLine, fileLine: row.line });
      existing.rowLines.push(row.line);
      if (existing.isTotalFromLines && row.totalMinor !== null) {
        existing.isTotalFromLines = false;
        existing.totalMinor = row.totalMinor;
      }
      continue;
    }
    // a whole-order row stated again exactly adds nothing; stated otherwise, the file contradicts itself
    const difference = !row.orderLine && !existing.hasLines ? orderRowDifference(row, existing.order) : undefined;
    if (difference === null) existing.repeatLines.push(row.line);
    else {
      const reject: Reject = { file, line: row.line, ...duplicateOrder(row.externalId, existing.order.line, context, false, difference) };
      rejects.push(reject);
      if (difference !== undefined) (existing.differingRows ??= []).push({ row, reject });
    }
  }
  const groups: OrderGroup[] = [];
  for (const group of byKey.values()) {
    const conflict = conflicts.get(group);
    if (conflict) {
      rejects.push(...rejectGroup(group, file, conflict));
      continue;
    }
    const earliest = timeSpans.get(group)?.earliest;
    if (earliest && earliest !== group.order) group.order = { ...group.order, orderedAt: earliest.orderedAt };
    if (group.isTotalFromLines) {
      const totalMinor = sumOfLinesWithin(group.lines, group.order.discountMinor, maximumAmountMinor(group.order.currency));
      if (totalMinor === null) {
        rejects.push(...rejectGroup(group, file, linesTooLarge(group.order)));
        continue;
      }
      group.totalMinor = totalMinor;
    }
    groups.push(group);
  }
  return { groups, rejects };
}

/** An order whose lines add up to more than an amount may be: every row of it is refused, none summed past the limit. */
function linesTooLarge(order: CanonicalOrder): GroupReject {
  const limit = shownLimit(order.currency);
  return {
    field: 'unit_price', code: 'AMOUNT_TOO_LARGE', params: { field: 'unit_price', value: `> ${limit}` },
    reason: `The lines of order ${order.externalId} (unit_price × quantity) add up to more than an amount may be (${limit}); check the unit_price and quantity columns hold prices and counts, not ids or totals`,
  };
}

/** The rows of one order with its earliest and its latest time. */
type TimeSpan = { earliest: CanonicalOrder; latest: CanonicalOrder };

function widenTimeSpan(span: TimeSpan, row: CanonicalOrder): TimeSpan {
  if (row.orderedAt.getTime() < span.earliest.orderedAt.getTime()) return { ...span, earliest: row };
  if (row.orderedAt.getTime() > span.latest.orderedAt.getTime()) return { ...span, latest: row };
  return span;
}

/** Rows of one order further apart in time than a long order takes to key in: likely two orders sharing an id. */
function timeSpanConflict({ earliest, latest }: TimeSpan, context: Pick<WriteContext, 'linesOf'>): GroupReject | null {
  if (latest.orderedAt.getTime() - earliest.orderedAt.getTime() <= orderRowsTimeSpreadMs) return null;
  const [first, row] = earliest.line < latest.line ? [earliest, latest] : [latest, earliest];
  const [firstTime, rowTime] = [first.orderedAt.toISOString(), row.orderedAt.toISOString()];
  return {
    ...rowsDisagree(first, row, 'ordered_at', firstTime, rowTime, context),
    reason: `Rows of order ${first.externalId} disagree on ordered_at: ${rowName(first.line, context)} has "${firstTime}", ${rowName(row.line, context)} "${rowTime}", `
      + `more than ${orderRowsTimeSpreadMinutes} minutes apart, so they are likely two orders sharing an id (rows of one order up to ${orderRowsTimeSpreadMinutes} minutes apart `
      + 'are one order, at its earliest time). Give each order its own id, or the rows of one order times at most that far apart.',
  };
}

/** `maximumMinutes`: how far apart the rows' times may be (the one way rows of an order may differ), for the translations. */
function rowsDisagree(first: CanonicalOrder, row: CanonicalOrder, field: string, firstValue: string, rowValue: string, context: Pick<WriteContext, 'linesOf'>): GroupReject {
  return {
    field, code: 'ORDER_ROWS_DISAGREE',
    params: { order: first.externalId, field, firstLine: first.line, firstValue, line: row.line, value: rowValue, maximumMinutes: orderRowsTimeSpreadMinutes },
    reason: `Rows of order ${first.externalId} disagree on ${field}: ${rowName(first.line, context)} has "${firstValue}", ${rowName(row.line, context)} "${rowValue}". Give every row of an order the same order fields.`,
  };
}

/**
 * Rows of one order repeat its fields; when a later row states one differently
 * from the first (another customer's email, another total), the file
 * contradicts itself and the order is not stored, rather than stored from its
 * first row with the other silently dropped. A field a row leaves out (a total
 * stated on the first row only) is no contradiction. Times may differ a
 * little (timeSpanConflict).
 */
function orderFieldConflict(first: CanonicalOrder, row: CanonicalOrder, context: Pick<WriteContext, 'linesOf'>): GroupReject | null {
  const differs = (field: string, firstValue: string, rowValue: string) => rowsDisagree(first, row, field, firstValue, rowValue, context);
  const namespaceOf = (ref: CustomerRef) => (ref.kind === 'external' ? ref.namespace : null);
  // an email read from the customer id is no field a row states, so rows cannot disagree on it
  for (const ref of row.customer.filter((stated) => !isGuessedRef(stated))) {
    const other = first.customer.find((candidate) => !isGuessedRef(candidate) && candidate.kind === ref.kind && namespaceOf(candidate) === namespaceOf(ref));
    if (other && other.value !== ref.value) return differs(customerRefField(ref), other.value, ref.value);
  }
  if (first.totalMinor !== null && row.totalMinor !== null && first.totalMinor !== row.totalMinor) return differs('amount', String(first.totalMinor), String(row.totalMinor));
  return null;
}

/** Why all rows of an order are rejected: a Reject less the file and line it is repeated on. */
export type GroupReject = Pick<Reject, 'code' | 'params' | 'reason'> & { field: string };

/** One reject per row of a rejected order, its exact repeats included, so every row read is accounted for. */
export function rejectGroup(group: Pick<OrderGroup, 'rowLines'> & Partial<Pick<OrderGroup, 'repeatLines'>>, file: string, why: GroupReject): Reject[] {
  return [...group.rowLines, ...(group.repeatLines ?? [])].map((line) => ({ file, line, field: why.field, code: why.code, params: why.params, reason: why.reason }));
}
