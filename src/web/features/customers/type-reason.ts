import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { pluralKey } from '../../i18n/plural.js';
import { chanceText } from './chance-text.js';

/** A message key under `typeReasons` and its variables, already formatted for the reader's locale. */
export type TypeReasonMessage = { key: string; values: Record<string, string> };

type Numbers = Record<string, unknown>;

/**
 * A count with its noun in the reader's language, in the form the count and the sentence ask
 * for ("1 day", "21 diena" but "pēc 21 dienas" and "pēc 10 dienām"): `typeReasonCounts.<kind>`.
 */
type CountKind = 'days' | 'quietDays' | 'daysAfter' | 'lastDays' | 'purchaseDays' | 'purchaseDaysLoyal' | 'purchaseDaysAfter' | 'intervals' | 'periods'
  | 'leadOrders' | 'refundedOrders' | 'cancelledOrders';
type Counter = (kind: CountKind, value: number, text: string, extra?: Record<string, string>) => string;

function counterFor(locale: Locale): Counter {
  // chosen by the value as written (up to two decimals), so 1.001 reads "1 day"
  return (kind, value, text, extra = {}) => lookupMessage(messagesByLocale[locale], pluralKey(locale, `typeReasonCounts.${kind}`, Math.round(value * 100) / 100), { count: text, ...extra });
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The reason for one of a customer's types, rebuilt from the numbers the
 * analysis stored beside it (src/analytics/classify.ts writes both), so it reads
 * in the user's language with the user's number and date formats. Null when
 * the numbers lack a figure the sentence needs: the caller then shows the
 * server's English reason rather than a sentence with a hole in it.
 */
export function typeReasonMessage(type: string, numbers: unknown, format: Formatters, locale: Locale = 'en'): TypeReasonMessage | null {
  if (!numbers || typeof numbers !== 'object') return null;
  const n = numbers as Numbers;
  const count = counterFor(locale);
  const days = (kind: CountKind, value: number) => count(kind, value, decimalText(value, format));
  const whole = (kind: CountKind, value: number) => count(kind, value, format.number(value));
  const day = (value: string) => format.date(value);
  const message = (key: string, values: Record<string, string>) => ({ key: `typeReasons.${key}`, values });
  switch (type) {
    case 'lapsed':
      if (isNumber(n.pAlive)) {
        // the threshold is stored since the analysis stopped storing sentences, the purchase days since 2026-12; older rows lack them
        const probability = chanceText(n.pAlive, format);
        if (!isNumber(n.pAliveBelow)) return message('lapsedProbability', { probability });
        const limit = format.percent(n.pAliveBelow, 2);
        // the day P(alive) describes is stored since 2026-12
        if (isText(n.lastPurchaseDay) && isNumber(n.purchaseDays) && isText(n.pAliveAsOf)) {
          const values = { probability, asOf: day(n.pAliveAsOf), limit, date: day(n.lastPurchaseDay), purchaseDays: whole('purchaseDaysAfter', n.purchaseDays) };
          // the silence P(alive) waits for is stored since 2026-12; 0 is no wait, nothing to say
          return isNumber(n.pAliveMinQuietDays) && n.pAliveMinQuietDays > 0
            ? message('lapsedProbabilityAfterQuiet', { ...values, quiet: whole('quietDays', n.pAliveMinQuietDays) })
            : message('lapsedProbabilityAsOf', values);
        }
        return isText(n.lastPurchaseDay) && isNumber(n.purchaseDays)
          ? message('lapsedProbabilityLastPurchase', { probability, limit, date: day(n.lastPurchaseDay), purchaseDays: whole('purchaseDaysAfter', n.purchaseDays) })
          : message('lapsedProbabilityBelow', { probability, limit });
      }
      if (isText(n.lastPurchaseDay) && isNumber(n.quietDays) && isText(n.stalePredictionAsOf)) {
        return message('lapsedQuietStalePrediction', { date: day(n.lastPurchaseDay), limit: whole('days', n.quietDays), asOf: day(n.stalePredictionAsOf) });
      }
      if (isText(n.lastPurchaseDay) && isNumber(n.quietDays)) {
        return message('lapsedQuiet', { date: day(n.lastPurchaseDay), limit: whole('days', n.quietDays) });
      }
      return null;
    case 'at_risk':
      if (!isText(n.lastPurchaseDay) || !isText(n.overdueDay) || !isNumber(n.medianIntervalDays) || !isNumber(n.overdueAfterDays)) return null;
      return message('atRisk', { date: day(n.lastPurchaseDay), median: days('daysAfter', n.medianIntervalDays), overdueDate: day(n.overdueDay), limit: days('days', n.overdueAfterDays) });
    case 'vip':
      return vipMessage(n, format, message, count);
    case 'new':
      if (!isText(n.firstPurchaseDay)) return null;
      return message('new', { date: day(n.firstPurchaseDay) });
    case 'regular':
      if (!isNumber(n.medianIntervalDays) || !isNumber(n.coefficientOfVariation) || !isNumber(n.intervalCount)) return null;
      if (isNumber(n.frequentWithinDays)) {
        return message('regularFrequent', { median: days('daysAfter', n.medianIntervalDays), variation: format.percent(n.coefficientOfVariation, 0), intervals: whole('intervals', n.intervalCount), frequentDays: whole('daysAfter', n.frequentWithinDays) });
      }
      return message('regular', { median: days('daysAfter', n.medianIntervalDays), variation: format.percent(n.coefficientOfVariation, 0), intervals: whole('intervals', n.intervalCount) });
    case 'loyal':
      if (!isText(n.firstPurchaseDay) || !isNumber(n.periodCount) || !isNumber(n.periodMonths)) return null;
      return message('loyal', { date: day(n.firstPurchaseDay), periods: count('periods', n.periodCount, format.number(n.periodCount), { months: format.number(n.periodMonths) }) });
    case 'occasional':
      return occasionalMessage(n, format, message, count);
    case 'one_time':
      if (!isText(n.firstPurchaseDay)) return null;
      return message('oneTime', { date: day(n.firstPurchaseDay) });
    case 'lead':
      return leadMessage(n, format, message, count);
    case 'consumer':
      if (!isText(n.firstReceivedDay)) return null;
      return message('consumer', { date: day(n.firstReceivedDay) });
    default:
      return null;
  }
}

/**
 * A lead's orders by the as-of day and what became of them, with the rule that would have made
 * them a customer, as the server words it (src/analytics/type-reasons.ts); a lead without orders,
 * and rows from before the orders were stored, by their first sign of interest alone.
 */
function leadMessage(n: Numbers, format: Formatters, message: (key: string, values: Record<string, string>) => TypeReasonMessage, count: Counter): TypeReasonMessage {
  const { orderCount, refundedOrderCount: refunded, cancelledOrderCount: cancelled } = n;
  const interest = isText(n.firstInterestDay) ? { date: format.date(n.firstInterestDay) } : null;
  const channel = isText(n.firstInterestChannel) ? n.firstInterestChannel : null;
  if (!isNumber(orderCount) || orderCount <= 0 || !isNumber(refunded) || !isNumber(cancelled)) {
    if (!interest) return message('leadNoInterest', {});
    return channel ? message('leadInterest', { ...interest, channel }) : message('leadInterestUnknownChannel', interest);
  }
  const whole = (kind: CountKind, value: number) => count(kind, value, format.number(value));
  const outcomes = [...(refunded > 0 ? [whole('refundedOrders', refunded)] : []), ...(cancelled > 0 ? [whole('cancelledOrders', cancelled)] : [])];
  const orders = { orders: whole('leadOrders', orderCount), outcomes: outcomes.join(', ') };
  if (!interest) return message('leadOrders', orders);
  return channel ? message('leadOrdersInterest', { ...orders, ...interest, channel }) : message('leadOrdersInterestUnknownChannel', { ...orders, ...interest });
}

/**
 * Why the rhythm is not regular, with the figure that decided it and the rule's limit, as the
 * server words it (src/analytics/type-reasons.ts): too few purchase days to judge, or intervals
 * varying at or above the limit. Rows from before those figures were stored: "an irregular rhythm".
 */
function occasionalMessage(n: Numbers, format: Formatters, message: (key: string, values: Record<string, string>) => TypeReasonMessage, count: Counter): TypeReasonMessage | null {
  if (!isNumber(n.purchaseDays) || !isNumber(n.promotionPercent)) return null;
  const driven = n.isPromotionDriven === true ? 'PromotionDriven' : '';
  // a loyal customer's yearly rate and the rule's limit, stored since 2026-12
  const purchaseDays = isNumber(n.purchaseDaysPerYear) && isNumber(n.frequentLoyalPurchaseDaysPerYear)
    ? count('purchaseDaysLoyal', n.purchaseDays, format.number(n.purchaseDays), { rate: decimalText(n.purchaseDaysPerYear, format), limit: format.number(n.frequentLoyalPurchaseDaysPerYear) })
    : count('purchaseDays', n.purchaseDays, format.number(n.purchaseDays));
  const common = { purchaseDays, promotion: format.percent(n.promotionPercent / 100, 0) };
  if (isNumber(n.minIntervals)) return message(`occasionalFewDays${driven}`, { ...common, neededDays: format.number(n.minIntervals + 1) });
  if (isNumber(n.coefficientOfVariation) && isNumber(n.variationLimit)) {
    const varied = { ...common, variation: format.percent(n.coefficientOfVariation, 0), limit: format.percent(n.variationLimit, 0) };
    return isNumber(n.frequentWithinDays)
      ? message(`occasionalVariedFrequent${driven}`, { ...varied, frequentDays: count('daysAfter', n.frequentWithinDays, format.number(n.frequentWithinDays)) })
      : message(`occasionalVaried${driven}`, varied);
  }
  return message(driven ? 'occasionalPromotionDriven' : 'occasional', common);
}

/**
 * VIP by revenue or by purchase days as the analysis recorded (vipBy); rows
 * from before it was recorded: by revenue when the window's revenue reaches
 * the revenue cut-off (src/analytics/type-reasons.ts decides the same way).
 * Where more customers reach the cut-off than the policy's share
 * (reachedPercent above topPercent), the sentence states the share reached and
 * why: customers tied at the cut-off, or rounding up to whole customers.
 */
function vipMessage(n: Numbers, format: Formatters, message: (key: string, values: Record<string, string>) => TypeReasonMessage, count: Counter): TypeReasonMessage | null {
  if (!isNumber(n.windowDays) || !isNumber(n.topPercent)) return null;
  const reached = isNumber(n.reachedPercent) && n.reachedPercent > n.topPercent ? n.reachedPercent : null;
  const wording = reached === null ? '' : n.isTiedAtCutoff === true ? 'Tied' : 'RoundedUp';
  const common = {
    windowDays: count('lastDays', n.windowDays, format.number(n.windowDays)), top: decimalText(n.topPercent, format),
    ...(reached === null ? {} : { reached: decimalText(reached, format) }),
  };
  const revenueReached = isNumber(n.revenueCutoffMinor) && isNumber(n.windowRevenueMinor) && n.windowRevenueMinor > 0 && n.windowRevenueMinor >= n.revenueCutoffMinor;
  const byRevenue = n.vipBy === undefined ? revenueReached : n.vipBy === 'revenue';
  if (byRevenue && isNumber(n.revenueCutoffMinor) && isNumber(n.windowRevenueMinor)) {
    return message(`vipRevenue${wording}`, { ...common, revenue: format.money(n.windowRevenueMinor), cutoff: format.money(n.revenueCutoffMinor) });
  }
  if (isNumber(n.frequencyCutoff) && isNumber(n.windowPurchaseDays)) {
    return message(`vipFrequency${wording}`, { ...common, purchaseDays: count('purchaseDays', n.windowPurchaseDays, format.number(n.windowPurchaseDays)), cutoff: format.number(n.frequencyCutoff) });
  }
  return null;
}

/** Up to two decimals, as many as the value needs ("14", "14.5", "14.25"), as the analysis writes them. */
function decimalText(value: number, format: Formatters): string {
  const rounded = Math.round(value * 100) / 100;
  const isWhole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;
  return format.number(rounded, isWhole(rounded) ? 0 : isWhole(rounded * 10) ? 1 : 2);
}
