import { addDays, daysBetween } from '../core/clock.js';
import { isVipByFrequency, isVipByRevenue, vipReachOf, type CustomerFacts, type VipCutoffs } from './customer-facts.js';
import { customerTypesByPrecedence, type CustomerType } from './customer-types.js';
import type { MoneyFormat } from './money-format.js';
import type { TypePolicy } from './policy.js';
import { typeReason } from './type-reasons.js';

export type TypeNumbers = Record<string, number | string | boolean | null>;

export type Classification = {
  customerId: number;
  types: CustomerType[];
  primaryType: CustomerType;
  /** One line: every type's reason in precedence order. */
  explanation: string;
  reasons: Partial<Record<CustomerType, string>>;
  numbers: Partial<Record<CustomerType, TypeNumbers>>;
};

export type ClassifyContext = { cutoffs: VipCutoffs; money: MoneyFormat };

type Verdict = { numbers: TypeNumbers };

/**
 * The reference implementation of the type rules (docs/customer-types.md).
 * Numbers name days (last purchase 2026-05-01), never counts of days since, so
 * a customer's stored row changes only when a judgement or a figure behind it
 * does, not every day the calendar moves on. The sentences are made from the
 * numbers (type-reasons.ts), as every reader of stored types makes them.
 * classify.sql.ts runs the same rules in SQL for whole stores; tests hold the
 * two to the same answers.
 */
export function classifyCustomer(facts: CustomerFacts, policy: TypePolicy, asOfDay: string, context: ClassifyContext): Classification {
  const verdicts = new Map<CustomerType, Verdict>();
  if (facts.purchaseDayCount === 0 || !facts.firstPurchaseDay || !facts.lastPurchaseDay) {
    verdicts.set('lead', leadVerdict(facts));
  } else {
    judgeRealCustomer(facts, policy, asOfDay, context, verdicts);
  }
  if (facts.firstReceivedDay) {
    verdicts.set('consumer', { numbers: { firstReceivedDay: facts.firstReceivedDay } });
  }
  const types = customerTypesByPrecedence.filter((type) => verdicts.has(type));
  const reasons: Classification['reasons'] = {};
  const numbers: Classification['numbers'] = {};
  for (const type of types) {
    numbers[type] = verdicts.get(type)!.numbers;
    reasons[type] = typeReason(type, numbers[type], context.money);
  }
  return {
    customerId: facts.customerId,
    types,
    primaryType: types[0],
    explanation: types.map((type) => reasons[type]).join('; '),
    reasons,
    numbers,
  };
}

/**
 * A lead's first sign of interest and, when they ordered by the as-of day, their orders and what
 * became of them: someone with orders on their timeline is a lead only because none was verified,
 * and the reason must say so. A lead's orders are all refunded or cancelled (a verified one would
 * make them real), so those two counts add up to orderCount.
 */
function leadVerdict(facts: CustomerFacts): Verdict {
  const interest = { firstInterestDay: facts.firstInterestDay, firstInterestChannel: facts.firstInterestChannel };
  const orderCount = facts.refundedOrderCount + facts.cancelledOrderCount;
  if (orderCount === 0) return { numbers: interest };
  return { numbers: { ...interest, orderCount, refundedOrderCount: facts.refundedOrderCount, cancelledOrderCount: facts.cancelledOrderCount } };
}

/** The first day a customer is overdue: more than `limit` days after their last purchase. */
export function overdueSinceDay(lastPurchaseDay: string, limit: number): string {
  return addDays(lastPurchaseDay, Math.floor(limit) + 1);
}

/** The day limit past which a customer is overdue against their own rhythm; null without enough history. */
export function overdueLimitDays(facts: CustomerFacts, policy: TypePolicy): number | null {
  if (facts.intervalCount < policy.atRisk.minIntervals || !facts.medianIntervalDays) return null;
  return policy.atRisk.overdueFactor * facts.medianIntervalDays;
}

/**
 * A steady cadence: gaps that vary little (variation below `maxCoefficientOfVariation`), or, for a
 * frequent buyer (usual gap at most `frequentWithinDays`), gaps no more irregular than chance
 * arrivals. Someone who buys on random days three times a week has a variation near 0.75 (for
 * purely random arrivals it tends to 1), so the strict bound alone called a café's most frequent
 * customers "occasional"; a burst of purchases with long pauses between varies well above 1.
 */
export function hasRegularRhythm(facts: CustomerFacts, policy: TypePolicy): boolean {
  const { regular } = policy;
  if (facts.intervalCount < regular.minIntervals || facts.coefficientOfVariation === null) return false;
  return facts.coefficientOfVariation < regular.maxCoefficientOfVariation || isFrequentSteady(facts, policy);
}

/** Regular by the frequent-buyer rule only (the strict bound not met): the type's reason says so. */
export function isFrequentSteady(facts: CustomerFacts, policy: TypePolicy): boolean {
  const { regular } = policy;
  return facts.medianIntervalDays !== null && facts.coefficientOfVariation !== null
    && facts.medianIntervalDays <= regular.frequentWithinDays
    && facts.coefficientOfVariation >= regular.maxCoefficientOfVariation
    && facts.coefficientOfVariation < regular.frequentMaxCoefficientOfVariation;
}

/**
 * The model's P(alive) where it says something: BG/NBD lets a customer drop out
 * only after a repeat purchase, so a one-time buyer's P(alive) is 1 however long
 * they have been silent; for them the quiet-days rule decides (facts.sql.ts).
 */
function pAliveOf(facts: CustomerFacts): number | null {
  return facts.purchaseDayCount >= 2 ? facts.pAlive : null;
}

function judgeRealCustomer(facts: CustomerFacts, policy: TypePolicy, asOfDay: string, context: ClassifyContext, verdicts: Map<CustomerType, Verdict>): void {
  const daysSinceFirst = daysBetween(facts.firstPurchaseDay!, asOfDay);
  const daysSinceLast = daysBetween(facts.lastPurchaseDay!, asOfDay);
  const median = facts.medianIntervalDays;

  // P(alive) from the models beats a fixed quiet period when it exists for this customer,
  // but not within a short silence, where it collapses for heavy buyers (policy.ts)
  const pAlive = pAliveOf(facts);
  const isLapsed = pAlive !== null
    ? pAlive < policy.lapsed.pAliveBelow && daysSinceLast > policy.lapsed.pAliveMinQuietDays
    : daysSinceLast > policy.lapsed.quietDays;
  if (isLapsed) {
    verdicts.set('lapsed', {
      numbers: pAlive !== null
        ? { pAlive, pAliveAsOf: facts.pAliveAsOf ?? null, lastPurchaseDay: facts.lastPurchaseDay, purchaseDays: facts.purchaseDayCount, pAliveBelow: policy.lapsed.pAliveBelow, pAliveMinQuietDays: policy.lapsed.pAliveMinQuietDays }
        : { lastPurchaseDay: facts.lastPurchaseDay, quietDays: policy.lapsed.quietDays, ...(facts.stalePredictionAsOf ? { stalePredictionAsOf: facts.stalePredictionAsOf } : {}) },
    });
  }

  // a new customer's first weeks are too short to judge a rhythm by: no regular, occasional or at risk yet
  const isNew = daysSinceFirst < policy.newWithinDays && !isLapsed;
  const limit = overdueLimitDays(facts, policy);
  const isOverdue = limit !== null && daysSinceLast > limit;
  if (isOverdue && !isLapsed && !isNew) {
    const overdueDay = overdueSinceDay(facts.lastPurchaseDay!, limit);
    verdicts.set('at_risk', {
      numbers: { lastPurchaseDay: facts.lastPurchaseDay, overdueDay, medianIntervalDays: median, overdueAfterDays: limit, coefficientOfVariation: facts.coefficientOfVariation, intervalCount: facts.intervalCount },
    });
  }

  const vip = vipVerdict(facts, policy, context);
  if (vip) verdicts.set('vip', vip);

  if (isNew) {
    verdicts.set('new', { numbers: { firstPurchaseDay: facts.firstPurchaseDay } });
  }

  const isRegular = hasRegularRhythm(facts, policy) && !isOverdue && !isLapsed && !isNew;
  if (isRegular) {
    const numbers: TypeNumbers = { medianIntervalDays: median, coefficientOfVariation: facts.coefficientOfVariation, intervalCount: facts.intervalCount };
    if (isFrequentSteady(facts, policy)) numbers.frequentWithinDays = policy.regular.frequentWithinDays;
    verdicts.set('regular', { numbers });
  }

  const isLoyal = daysSinceFirst >= policy.loyal.minTenureDays && facts.periodCount >= policy.loyal.minPeriods && !isLapsed;
  if (isLoyal) {
    verdicts.set('loyal', { numbers: { firstPurchaseDay: facts.firstPurchaseDay, periodCount: facts.periodCount, periodMonths: policy.loyal.periodMonths } });
  }

  const loyalRate = isLoyal ? loyalPurchaseRate(facts, policy) : null;
  if (facts.purchaseDayCount >= 2 && !hasRegularRhythm(facts, policy) && !isLapsed && !isNew && !loyalRate?.isFrequent) {
    const orders = facts.verifiedOrderCount;
    const promotionPercent = orders === 0 ? 0 : Math.round((facts.promotionOrderCount * 100) / orders);
    const isPromotionDriven = orders > 0
      && facts.promotionOrderCount >= policy.occasional.promotionDrivenMinOrders
      && facts.promotionOrderCount / orders >= policy.occasional.promotionDrivenShare;
    verdicts.set('occasional', {
      numbers: { purchaseDays: facts.purchaseDayCount, promotionOrderCount: facts.promotionOrderCount, orderCount: orders, promotionPercent, isPromotionDriven, ...irregularity(facts, policy), ...loyalRate?.numbers },
    });
  }

  if (facts.purchaseDayCount === 1 && !isNew && !isLapsed) {
    verdicts.set('one_time', { numbers: { firstPurchaseDay: facts.firstPurchaseDay } });
  }
}

/**
 * A loyal customer's purchase days a year between their first and last purchase (365 ÷ their mean
 * gap; independent of the as-of day, so a stored row does not change as the calendar moves on).
 * At `frequentLoyalPurchaseDaysPerYear` or more they are not occasional: bursts of purchases give
 * a heavy buyer a high variation, and "occasional" would read as "rarely buys". Compared in whole
 * numbers (intervals × 365 against limit × span) so SQL and TypeScript agree at the boundary.
 */
function loyalPurchaseRate(facts: CustomerFacts, policy: TypePolicy): { isFrequent: boolean; numbers: TypeNumbers } | null {
  const limit = policy.occasional.frequentLoyalPurchaseDaysPerYear;
  const spanDays = daysBetween(facts.firstPurchaseDay!, facts.lastPurchaseDay!);
  if (limit === 0 || spanDays === 0) return null;
  return {
    isFrequent: facts.intervalCount * 365 >= limit * spanDays,
    numbers: { purchaseDaysPerYear: Math.round((facts.intervalCount * 3650) / spanDays) / 10, frequentLoyalPurchaseDaysPerYear: limit },
  };
}

/**
 * Why an occasional customer's rhythm is not regular, as figures their reason can state: too few
 * intervals to judge (`minIntervals`: the fewest the rule needs, at least the two a variation
 * needs), or a variation at or above the limit that applied to them (`variationLimit`: the
 * frequent-buyer bound, with `frequentWithinDays`, when their usual gap is that short).
 */
function irregularity(facts: CustomerFacts, policy: TypePolicy): TypeNumbers {
  const { regular } = policy;
  if (facts.intervalCount < regular.minIntervals || facts.coefficientOfVariation === null) {
    return { intervalCount: facts.intervalCount, minIntervals: Math.max(regular.minIntervals, 2) };
  }
  const isFrequent = facts.medianIntervalDays !== null && facts.medianIntervalDays <= regular.frequentWithinDays;
  return isFrequent
    ? { coefficientOfVariation: facts.coefficientOfVariation, variationLimit: Math.max(regular.maxCoefficientOfVariation, regular.frequentMaxCoefficientOfVariation), frequentWithinDays: regular.frequentWithinDays }
    : { coefficientOfVariation: facts.coefficientOfVariation, variationLimit: regular.maxCoefficientOfVariation };
}

function vipVerdict(facts: CustomerFacts, policy: TypePolicy, context: ClassifyContext): Verdict | null {
  const { revenueCutoffMinor, frequencyCutoff } = context.cutoffs;
  const byRevenue = policy.vip.basis !== 'frequency' && isVipByRevenue(facts.windowRevenueMinor, revenueCutoffMinor);
  const byFrequency = policy.vip.basis !== 'revenue' && isVipByFrequency(facts.windowPurchaseDays, frequencyCutoff);
  if (!byRevenue && !byFrequency) return null;
  const vipBy = byRevenue ? 'revenue' : 'frequency';
  return {
    numbers: {
      windowDays: policy.vip.windowDays, windowRevenueMinor: facts.windowRevenueMinor, windowPurchaseDays: facts.windowPurchaseDays,
      topPercent: policy.vip.topPercent, revenueCutoffMinor, frequencyCutoff, vipBy,
      ...vipReachOf(context.cutoffs, policy.vip.topPercent, vipBy),
    },
  };
}
