/**
 * Credit notes: what a customer's credit notes give back, allocated to their earlier sales.
 *
 * A credit note (status `credit_note`) gives money back for an earlier purchase of the same customer
 * without naming it, as UCI Online Retail's C invoices do. It is never a purchase itself. Its amount
 * goes to the customer's sales stated paid or partially refunded and made no later than it: first the
 * sales holding more of its SKUs, then the most recent; each takes at most what it still keeps, the
 * rest goes to the next, and what no sale takes (a cancellation of a sale older than the data) is left
 * unapplied: there is no stored sale to reduce. Credit notes are applied in time order (then in the
 * order they were stored), so the outcome depends only on the orders, not on files, batches or
 * the order they arrived in.
 */

/** A sale as its source stated it: `refundedMinor` and `status` without any credit. */
export type StatedSale = {
  orderId: number; orderedAt: Date; amountMinor: number; refundedMinor: number;
  status: 'paid' | 'partially_refunded' | 'refunded' | 'cancelled'; skus: readonly string[];
};
export type CreditNote = { orderId: number; orderedAt: Date; amountMinor: number; skus: readonly string[] };
export type Allocation = { creditOrderId: number; saleOrderId: number; amountMinor: number };

/** What a sale is stored with once credits apply: the effective refund and status every report reads. */
export type EffectiveSale = {
  orderId: number; refundedMinor: number; creditedMinor: number;
  status: 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';
  /** The stated status when credits changed it, else null. */
  statedStatus: 'paid' | 'partially_refunded' | null;
};

const byTimeThenId = (a: { orderedAt: Date; orderId: number }, b: { orderedAt: Date; orderId: number }) =>
  a.orderedAt.getTime() - b.orderedAt.getTime() || a.orderId - b.orderId;

/** Allocates one customer's credit notes to their sales (see the module comment). */
export function allocateCredits(sales: readonly StatedSale[], creditNotes: readonly CreditNote[]): Allocation[] {
  const kept = new Map(sales.map((sale) => [sale.orderId, isCreditable(sale) ? Math.max(0, sale.amountMinor - sale.refundedMinor) : 0]));
  const allocations: Allocation[] = [];
  for (const note of [...creditNotes].sort(byTimeThenId)) {
    let left = note.amountMinor;
    const skus = new Set(note.skus);
    const candidates = sales
      .filter((sale) => (kept.get(sale.orderId) ?? 0) > 0 && sale.orderedAt.getTime() <= note.orderedAt.getTime())
      .map((sale) => ({ sale, shared: new Set(sale.skus.filter((sku) => skus.has(sku))).size }))
      .sort((a, b) => b.shared - a.shared || -byTimeThenId(a.sale, b.sale));
    for (const { sale } of candidates) {
      if (left <= 0) break;
      const taken = Math.min(left, kept.get(sale.orderId)!);
      kept.set(sale.orderId, kept.get(sale.orderId)! - taken);
      left -= taken;
      allocations.push({ creditOrderId: note.orderId, saleOrderId: sale.orderId, amountMinor: taken });
    }
  }
  return allocations;
}

const isCreditable = (sale: StatedSale) => sale.status === 'paid' || sale.status === 'partially_refunded';

/**
 * A sale's effective values from its stated ones and what credits gave back: refunded is the stated
 * refund plus the credits (never more than the amount); a sale stated refunded or cancelled keeps its
 * status, one that keeps nothing is refunded, one that gave something back is partially refunded.
 */
export function effectiveSale(sale: Pick<StatedSale, 'orderId' | 'amountMinor' | 'refundedMinor' | 'status'>, creditedMinor: number): EffectiveSale {
  const refundedMinor = Math.min(sale.amountMinor, sale.refundedMinor + creditedMinor);
  if (creditedMinor <= 0 || sale.status === 'refunded' || sale.status === 'cancelled') {
    return { orderId: sale.orderId, refundedMinor: sale.refundedMinor, creditedMinor: 0, status: sale.status, statedStatus: null };
  }
  const status = refundedMinor >= sale.amountMinor ? 'refunded' : 'partially_refunded';
  return { orderId: sale.orderId, refundedMinor, creditedMinor, status, statedStatus: status === sale.status ? null : sale.status };
}
