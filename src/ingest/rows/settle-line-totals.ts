import { formatMoney } from '../../core/money.js';
import { orderKeyOf, type CanonicalLine, type CanonicalOrder, type Reject } from '../canonical.js';
import { lineAmountMinor, maximumAmountMinor, sumOfLinesWithin } from './amount-limit.js';
import { isRefundTooLarge, settleOrderStatus } from './order-status.js';

const keyOf = (row: CanonicalOrder): string => orderKeyOf(row.source, row.externalId);

/** The row carries a line item and states no total: its order's total is the sum of its lines. */
export function isTotalledFromLines(row: CanonicalOrder): boolean {
  return row.orderLine !== null && row.totalMinor === null;
}

/**
 * An order whose line rows state different outcomes is cancelled when any of them says so, whichever
 * row that is: the writer stores an order with its first row's status (write/group-orders.ts), so the
 * outcome depended on the order of the rows. A marketplace marks a return on the returned product's
 * row (Shopee's "Status Pembatalan/ Pengembalian"): when some rows of an order say refunded and the
 * others do not, the refund is those rows' lines (quantity × unit price, within the order's total),
 * so the order is partially refunded — refunded whole, it had lost the products the buyer kept.
 * A refunded row that gives a returned quantity (Shopee's "Returned quantity": 1 of its 3) refunds
 * that many of its items, not its whole line: such a row makes the refund its lines' even when
 * every row says refunded, since the buyer kept the rest. Otherwise, when every row says refunded,
 * or when a refunded row states an amount of its own (neither none nor the whole order's), the
 * first such row's refund is the order's. The deciding status and refund are given to every row of
 * the order in the batch (the rows of one order are kept in one batch, as for settleOrdersTotalledFromLines).
 */
export function settleOrderOutcomes(rows: CanonicalOrder[]): void {
  const orders = new Map<string, CanonicalOrder[]>();
  for (const row of rows) {
    if (row.orderLine === null) continue;
    const order = orders.get(keyOf(row));
    if (order) order.push(row);
    else orders.set(keyOf(row), [row]);
  }
  for (const order of orders.values()) {
    const outcome = outcomeOf(order);
    if (outcome === null) continue;
    for (const row of order) {
      row.status = outcome.status;
      row.refundedMinor = outcome.refundedMinor;
    }
  }
}

function outcomeOf(order: readonly CanonicalOrder[]): Pick<CanonicalOrder, 'status' | 'refundedMinor'> | null {
  const cancelled = order.find((row) => row.status === 'cancelled');
  if (cancelled !== undefined) return cancelled;
  const refunded = order.filter((row) => row.status === 'refunded');
  if (refunded.length === 0) return null;
  const refundsItsLine = (row: CanonicalOrder) => row.refundedMinor === 0 || row.refundedMinor === row.totalMinor;
  if (!refunded.every(refundsItsLine)) return refunded[0];
  if (refunded.length === order.length && !refunded.some(isPartReturned)) return refunded[0];
  const first = order[0];
  const linesMinor = refunded.reduce((sum, row) => sum + lineAmountMinor(returnedPartOf(row.orderLine!)), 0);
  const totalMinor = first.totalMinor ?? order.reduce((sum, row) => sum + lineAmountMinor(row.orderLine!), 0) - first.discountMinor;
  return settleOrderStatus('paid', totalMinor, Math.max(0, Math.min(linesMinor, totalMinor)));
}

/** A line whose row returned fewer of its items than it holds: a return of the whole line is refunded as one. */
const isPartReturned = (row: CanonicalOrder) => row.orderLine!.returnedQuantity !== undefined && row.orderLine!.returnedQuantity < row.orderLine!.quantity;

/** What a refunded row's line gave back: its returned items, or the whole line when it names none. */
function returnedPartOf(line: CanonicalLine): CanonicalLine {
  return line.returnedQuantity === undefined ? line : { ...line, quantity: line.returnedQuantity };
}

/**
 * The refund check and status of orders whose total is the sum of their lines (no `amount`),
 * which no single row knows: done here over a batch's rows, as the writer groups them (the order
 * fields of its first row, its lines' sum less that row's discount). An order whose rows state a
 * total anywhere in the batch was settled by its rows already. The rows of one order are expected
 * together, as exports write them: parseFile keeps such a run in one batch.
 */
export function settleOrdersTotalledFromLines(rows: CanonicalOrder[], file: string, rawOf: (line: number) => string | undefined): { rows: CanonicalOrder[]; rejects: Reject[] } {
  const groups = new Map<string, CanonicalOrder[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else if (isTotalledFromLines(row)) groups.set(keyOf(row), [row]);
  }
  const rejected = new Set<CanonicalOrder>();
  const rejects: Reject[] = [];
  for (const group of groups.values()) {
    if (!group.every(isTotalledFromLines)) continue;
    const first = group[0];
    const totalMinor = sumOfLinesWithin(group.map((row) => row.orderLine!), first.discountMinor, maximumAmountMinor(first.currency));
    // lines adding up past the limit: the writer refuses the order (group-orders.ts)
    if (totalMinor === null) continue;
    if (isRefundTooLarge(totalMinor, first.refundedMinor)) {
      const params = { refunded: formatMoney(first.refundedMinor, first.currency), total: formatMoney(totalMinor, first.currency) };
      const reason = `refunded_amount ${params.refunded} is more than the order's total, ${params.total} (the sum of its lines less its discount); check the refund and the lines`;
      for (const row of group) {
        rejected.add(row);
        const raw = rawOf(row.line);
        rejects.push({ file, line: row.line, field: 'refunded_amount', code: 'REFUND_EXCEEDS_TOTAL', params, reason, ...(raw === undefined ? {} : { raw }) });
      }
      continue;
    }
    const settled = settleOrderStatus(first.status, totalMinor, first.refundedMinor);
    for (const row of group) {
      row.status = settled.status;
      row.refundedMinor = settled.refundedMinor;
    }
  }
  return { rows: rejected.size === 0 ? rows : rows.filter((row) => !rejected.has(row)), rejects };
}
