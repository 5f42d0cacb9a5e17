import { daysBetween } from '../core/clock.js';
import type { TypePolicy } from './policy.js';

/**
 * What the type rules need to know about one customer as of a day. The SQL in
 * types.repo.ts computes the same facts set-wise; `summarizePurchaseDays` is the
 * reference it is tested against.
 */
export type CustomerFacts = {
  customerId: number;
  /** Verified purchase days (store time zone) up to and including the as-of day. */
  purchaseDayCount: number;
  firstPurchaseDay: string | null;
  lastPurchaseDay: string | null;
  /** Gaps in days between consecutive purchase days. */
  intervalCount: number;
  medianIntervalDays: number | null;
  /** Sample standard deviation of the gaps over their mean; null below two gaps. */
  coefficientOfVariation: number | null;
  /** Distinct calendar periods (policy.loyal.periodMonths long) with a purchase. */
  periodCount: number;
  totalRevenueMinor: number;
  windowRevenueMinor: number;
  windowPurchaseDays: number;
  verifiedOrderCount: number;
  promotionOrderCount: number;
  /**
   * Orders up to the as-of day that never became a purchase: refunded in full, or cancelled (a
   * credit note is neither: it gives back money for a purchase). A lead's reason names them.
   */
  refundedOrderCount: number;
  cancelledOrderCount: number;
  /** From the models when they have run, for the as-of day (facts.sql.ts, pAliveColumns); null otherwise. */
  pAlive: number | null;
  /** The day pAlive describes: the as-of day when worked out from the fit, else the stored prediction's. */
  pAliveAsOf?: string | null;
  /** A stored prediction's day when it was too old to judge by (the quiet-days rule decided). */
  stalePredictionAsOf?: string | null;
  firstInterestDay: string | null;
  firstInterestChannel: string | null;
  /** First day this customer received an order bought by someone else; null if never. */
  firstReceivedDay: string | null;
};

export type PurchaseDay = { day: string; amountMinor: number };
/** An order; without a status, a verified one (paid). A credit note is no order of the customer's: neither verified nor counted. */
export type OrderFact = { orderedDay: string; hasPromotion: boolean; status?: 'paid' | 'partially_refunded' | 'refunded' | 'cancelled' | 'credit_note' };

const isVerifiedOrder = (order: OrderFact) => order.status === undefined || order.status === 'paid' || order.status === 'partially_refunded';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function coefficientOfVariation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (mean === 0) return null;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / mean;
}

/** Period number counted from year 0, so quarters (3) or half-years (6) line up with the calendar. */
export function periodIndex(day: string, periodMonths: number): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return Math.floor((year * 12 + month - 1) / periodMonths);
}

/** Reference computation of a customer's purchase facts from their purchase days and orders. */
export function summarizePurchaseDays(
  base: Pick<CustomerFacts, 'customerId'> & Partial<CustomerFacts>,
  days: readonly PurchaseDay[],
  orders: readonly OrderFact[],
  asOfDay: string,
  policy: TypePolicy,
): CustomerFacts {
  const counted = days.filter((entry) => entry.day <= asOfDay).sort((a, b) => a.day.localeCompare(b.day));
  const intervals = counted.slice(1).map((entry, index) => daysBetween(counted[index].day, entry.day));
  // the window is the last windowDays days including the as-of day
  const inWindow = counted.filter((entry) => daysBetween(entry.day, asOfDay) < policy.vip.windowDays);
  const placedOrders = orders.filter((order) => order.orderedDay <= asOfDay);
  const countedOrders = placedOrders.filter(isVerifiedOrder);
  return {
    pAlive: null,
    firstInterestDay: null,
    firstInterestChannel: null,
    firstReceivedDay: null,
    ...base,
    purchaseDayCount: counted.length,
    firstPurchaseDay: counted[0]?.day ?? null,
    lastPurchaseDay: counted.at(-1)?.day ?? null,
    intervalCount: intervals.length,
    medianIntervalDays: median(intervals),
    coefficientOfVariation: coefficientOfVariation(intervals),
    periodCount: new Set(counted.map((entry) => periodIndex(entry.day, policy.loyal.periodMonths))).size,
    totalRevenueMinor: counted.reduce((sum, entry) => sum + entry.amountMinor, 0),
    windowRevenueMinor: inWindow.reduce((sum, entry) => sum + entry.amountMinor, 0),
    windowPurchaseDays: inWindow.length,
    verifiedOrderCount: countedOrders.length,
    promotionOrderCount: countedOrders.filter((order) => order.hasPromotion).length,
    refundedOrderCount: placedOrders.filter((order) => order.status === 'refunded').length,
    cancelledOrderCount: placedOrders.filter((order) => order.status === 'cancelled').length,
  };
}

/**
 * VIP cut-offs over the real customers: the window value of the customer at
 * position ceil(N × topPercent / 100) in descending order. Everyone tied with
 * that customer is in, so ties never split a VIP decision; the reached counts
 * say how many real customers that makes by each measure (null for a run
 * recorded before they were counted), which can be well above the share asked
 * for when many are tied (whole purchase days, a small store).
 */
export type VipCutoffs = {
  realCustomerCount: number; revenueCutoffMinor: number | null; frequencyCutoff: number | null;
  revenueReachedCount?: number | null; frequencyReachedCount?: number | null;
};

export function computeVipCutoffs(facts: readonly CustomerFacts[], policy: TypePolicy): VipCutoffs {
  const real = facts.filter((fact) => fact.purchaseDayCount > 0);
  const position = Math.ceil((real.length * policy.vip.topPercent) / 100);
  const cutoffAt = (values: number[]) => (position === 0 ? null : values.sort((a, b) => b - a)[position - 1]);
  const revenueCutoffMinor = cutoffAt(real.map((fact) => fact.windowRevenueMinor));
  const frequencyCutoff = cutoffAt(real.map((fact) => fact.windowPurchaseDays));
  return {
    realCustomerCount: real.length,
    revenueCutoffMinor,
    frequencyCutoff,
    revenueReachedCount: real.filter((fact) => isVipByRevenue(fact.windowRevenueMinor, revenueCutoffMinor)).length,
    frequencyReachedCount: real.filter((fact) => isVipByFrequency(fact.windowPurchaseDays, frequencyCutoff)).length,
  };
}

export function isVipByRevenue(windowRevenueMinor: number, cutoffMinor: number | null): boolean {
  return cutoffMinor !== null && windowRevenueMinor > 0 && windowRevenueMinor >= cutoffMinor;
}

/** One purchase day is never "frequent", whatever the distribution. */
export function isVipByFrequency(windowPurchaseDays: number, cutoff: number | null): boolean {
  return cutoff !== null && windowPurchaseDays >= 2 && windowPurchaseDays >= cutoff;
}

/**
 * How far a VIP's "top X%" really reaches by one measure: the share of real
 * customers who reach its cut-off, as a percent to one decimal (the figure a
 * reason shows, so a stored row changes only when the shown figure does), and
 * whether customers tied at the cut-off pushed it past the position the
 * policy asked for (otherwise only rounding up to a whole customer did).
 * Nulls when the reached count is unknown.
 */
export type VipReach = { reachedPercent: number | null; isTiedAtCutoff: boolean | null };

export function vipReachOf(cutoffs: VipCutoffs, topPercent: number, measure: 'revenue' | 'frequency'): VipReach {
  const reached = measure === 'revenue' ? cutoffs.revenueReachedCount : cutoffs.frequencyReachedCount;
  const total = cutoffs.realCustomerCount;
  if (reached === null || reached === undefined || total === 0) return { reachedPercent: null, isTiedAtCutoff: null };
  const position = Math.ceil((total * topPercent) / 100);
  return { reachedPercent: Math.round((reached * 1000) / total) / 10, isTiedAtCutoff: reached > position };
}
