import type { OrderStatus } from '../../db/schema.js';

/** A refund can take back at most what the order took; zero and negative refunds take nothing. */
export function isRefundTooLarge(totalMinor: number, refundedMinor: number): boolean {
  return refundedMinor > 0 && refundedMinor > totalMinor;
}

/**
 * The status and refunded amount an order is stored with, so that the two agree: the reports
 * count an order as a verified purchase by its status alone ("paid and not fully refunded"), so
 * the amounts decide between paid, partially_refunded and refunded whenever they can (a refund
 * larger than the total is rejected before this; see isRefundTooLarge).
 * - paid, partially_refunded or no status, with a refund equal to a non-zero total: `refunded`;
 *   with a smaller refund: `partially_refunded`. A zero-amount free order stays paid.
 * - partially_refunded with no refund amount stays partially_refunded at its full amount: the
 *   source says money went back but not how much, and guessing would invent revenue figures.
 * - refunded with no refund amount refunded everything (when the total is known).
 * - cancelled stays cancelled and its refund is not kept: a cancelled order never counted as a
 *   purchase, so there is no revenue for the refund to take back, and keeping it would add to
 *   the customer's refunds from purchases.
 * - credit_note refunds nothing itself (its refund is not kept): its amount is what it gives back to
 *   earlier purchases of the same customer, once stored (orders/credit-allocation.ts).
 * `totalMinor` null: the total is the sum of the order's lines, which one row does not know;
 * such rows are settled again once their order's lines are summed (settle-line-totals.ts).
 */
export function settleOrderStatus(statedStatus: OrderStatus | null, totalMinor: number | null, refundedMinor: number): { status: OrderStatus; refundedMinor: number } {
  if (statedStatus === 'credit_note') return { status: 'credit_note', refundedMinor: 0 };
  if (statedStatus === 'cancelled') return { status: 'cancelled', refundedMinor: totalMinor === null ? refundedMinor : 0 };
  if (statedStatus === 'refunded') {
    return { status: 'refunded', refundedMinor: refundedMinor === 0 && totalMinor !== null ? totalMinor : refundedMinor };
  }
  if (refundedMinor <= 0) return { status: statedStatus ?? 'paid', refundedMinor };
  if (totalMinor !== null && totalMinor > 0 && refundedMinor >= totalMinor) return { status: 'refunded', refundedMinor };
  return { status: 'partially_refunded', refundedMinor };
}
