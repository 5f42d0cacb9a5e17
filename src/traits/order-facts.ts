import { calendarDayOf } from '../core/calendar-day.js';
import type { OrderChannel, OrderStatus } from '../db/schema.js';

/** What one order contributes to its customer's purchase facts. */
export type OrderFact = {
  customerId: number;
  orderId: number;
  orderedAt: Date;
  amountMinor: number;
  refundedMinor: number;
  status: OrderStatus;
  channel: OrderChannel;
  hasPromotion: boolean;
};

export type DayDelta = { customerId: number; day: string; orderCount: number; amountMinor: number };

export type TraitDelta = {
  customerId: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  orderCount: number;
  revenueMinor: number;
  refundedMinor: number;
  refundedOrderCount: number;
  promotionOrderCount: number;
  channelCounts: Record<OrderChannel, number>;
  firstInterestAt: Date;
  firstInterestChannel: OrderChannel;
  firstInterestOrderId: number;
};

/** Paid, or refunded only in part: the one definition of a purchase (SQL twin: traits.sql.ts). */
export function isVerifiedPurchase(status: OrderStatus): boolean {
  return status === 'paid' || status === 'partially_refunded';
}

/** A refunded order gives back its whole amount; others give back what was refunded. */
export function refundOf(fact: Pick<OrderFact, 'status' | 'amountMinor' | 'refundedMinor'>): number {
  return fact.status === 'refunded' ? fact.amountMinor : fact.refundedMinor;
}

const noChannels = (): Record<OrderChannel, number> => ({ store: 0, web: 0, mobile: 0, marketplace: 0, phone: 0, other: 0 });

/**
 * Sums new orders per customer and per purchase day (in the store's time zone),
 * the deltas the incremental path adds to the stored facts.
 */
export function aggregateOrderFacts(facts: readonly OrderFact[], timeZone: string): { days: DayDelta[]; customers: TraitDelta[] } {
  const days = new Map<string, DayDelta>();
  const customers = new Map<number, TraitDelta>();
  for (const fact of facts) {
    let delta = customers.get(fact.customerId);
    if (!delta) {
      delta = {
        customerId: fact.customerId, firstPurchaseAt: null, lastPurchaseAt: null, orderCount: 0, revenueMinor: 0, refundedMinor: 0,
        refundedOrderCount: 0, promotionOrderCount: 0, channelCounts: noChannels(),
        firstInterestAt: fact.orderedAt, firstInterestChannel: fact.channel, firstInterestOrderId: fact.orderId,
      };
      customers.set(fact.customerId, delta);
    } else if (fact.orderedAt < delta.firstInterestAt || (fact.orderedAt.getTime() === delta.firstInterestAt.getTime() && fact.orderId < delta.firstInterestOrderId)) {
      delta.firstInterestAt = fact.orderedAt;
      delta.firstInterestChannel = fact.channel;
      delta.firstInterestOrderId = fact.orderId;
    }
    delta.refundedMinor += refundOf(fact);
    if (fact.status === 'refunded' || fact.status === 'partially_refunded') delta.refundedOrderCount += 1;
    if (!isVerifiedPurchase(fact.status)) continue;
    const net = fact.amountMinor - fact.refundedMinor;
    if (!delta.firstPurchaseAt || fact.orderedAt < delta.firstPurchaseAt) delta.firstPurchaseAt = fact.orderedAt;
    if (!delta.lastPurchaseAt || fact.orderedAt > delta.lastPurchaseAt) delta.lastPurchaseAt = fact.orderedAt;
    delta.orderCount += 1;
    delta.revenueMinor += net;
    if (fact.hasPromotion) delta.promotionOrderCount += 1;
    delta.channelCounts[fact.channel] += 1;
    const day = calendarDayOf(fact.orderedAt, timeZone);
    const key = `${fact.customerId}|${day}`;
    const dayDelta = days.get(key);
    if (dayDelta) {
      dayDelta.orderCount += 1;
      dayDelta.amountMinor += net;
    } else days.set(key, { customerId: fact.customerId, day, orderCount: 1, amountMinor: net });
  }
  return { days: [...days.values()], customers: [...customers.values()] };
}
