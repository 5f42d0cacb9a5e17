import { formatDecimal, sortByPrecedence } from './customer-types.js';
import { formatMoneyWith, type MoneyFormat } from './money-format.js';

/**
 * The sentence behind each customer type, built from the numbers the analysis
 * stores beside the type (classify.ts and classify.sql.ts write them). Stores
 * keep numbers only: the words are presentation, so they follow the store's
 * money format of the moment and cost nothing to store or write (a first
 * analysis of 100,000 customers spent a quarter of its type work building and
 * writing them). The web app builds the same sentences in the reader's
 * language from the same numbers (web/features/customers/type-reason.ts).
 */

type Numbers = Record<string, unknown>;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const percent = (share: number) => Math.round(share * 100);

/** A count with its noun, singular for exactly one ("1 day", "1.5 days", "21 days"). */
function counted(value: number, noun: string): string {
  const text = formatDecimal(value);
  return `${text} ${text === '1' ? noun : `${noun}s`}`;
}
const days = (value: number) => counted(value, 'day');

/**
 * A chance as people read it: whole percents, but never "0%" or "100%" for a chance the
 * model does not rule out (a lapsed customer's P(alive) of 0.4% reads "<1%"). The web
 * app writes the same (web/features/customers/chance-text.ts).
 */
export function chancePercentText(chance: number): string {
  if (chance > 0 && chance < 0.005) return '<1%';
  if (chance < 1 && chance >= 0.995) return '>99%';
  return `${percent(chance)}%`;
}

/**
 * One type's sentence, e.g. "New: first purchase 2026-06-20". Rows written
 * before a figure was stored lack it: the sentence then leaves that part out
 * rather than showing a hole, and says only the type when nothing is known.
 */
export function typeReason(type: string, numbers: unknown, money: MoneyFormat): string {
  const n: Numbers = numbers !== null && typeof numbers === 'object' ? numbers as Numbers : {};
  return sentenceOf(type, n, money) ?? `${typeLabels[type] ?? type}: no figures recorded`;
}

/** Every type's sentence in precedence order, joined with "; ": a customer's one-line explanation. */
export function typesExplanation(types: readonly string[], numbersByType: unknown, money: MoneyFormat): string {
  const byType: Numbers = numbersByType !== null && typeof numbersByType === 'object' ? numbersByType as Numbers : {};
  return sortByPrecedence(types).map((type) => typeReason(type, byType[type], money)).join('; ');
}

const typeLabels: Record<string, string> = {
  at_risk: 'At risk', lapsed: 'Lapsed', vip: 'VIP', new: 'New', regular: 'Regular', loyal: 'Loyal',
  occasional: 'Occasional', one_time: 'One-time buyer', lead: 'Lead', consumer: 'Consumer',
};

function sentenceOf(type: string, n: Numbers, money: MoneyFormat): string | null {
  switch (type) {
    case 'at_risk':
      if (!isText(n.lastPurchaseDay) || !isNumber(n.medianIntervalDays) || !isText(n.overdueDay) || !isNumber(n.overdueAfterDays)) return null;
      return `At risk: last purchase ${n.lastPurchaseDay}, usually every ${days(n.medianIntervalDays)}, overdue since ${n.overdueDay} (more than ${days(n.overdueAfterDays)} after it)`;
    case 'lapsed':
      if (isNumber(n.pAlive)) {
        // the same name for P(alive) as the prediction card's; the threshold and the last purchase are stored since 2026-12
        // the day the chance describes, stored since 2026-12 (the analysis's as-of day when worked out from the fit)
        const chance = `Lapsed: chance still active ${chancePercentText(n.pAlive)}${isText(n.pAliveAsOf) ? ` as of ${n.pAliveAsOf}` : ''}`;
        if (!isNumber(n.pAliveBelow)) return chance;
        const limit = `${chance} (below ${formatDecimal(n.pAliveBelow * 100)}%)`;
        if (!isText(n.lastPurchaseDay) || !isNumber(n.purchaseDays)) return limit;
        const lastPurchase = `${limit}, last purchase ${n.lastPurchaseDay} after ${counted(n.purchaseDays, 'purchase day')}`;
        // the silence P(alive) waits for, stored since 2026-12 as the day P(alive) describes is; 0 is no wait, nothing to say
        const wait = isText(n.pAliveAsOf) && isNumber(n.pAliveMinQuietDays) ? n.pAliveMinQuietDays : 0;
        return wait > 0 ? `${lastPurchase}, no purchase for more than ${days(wait)}` : lastPurchase;
      }
      if (!isText(n.lastPurchaseDay)) return null;
      return `Lapsed: no purchase since ${n.lastPurchaseDay}${isNumber(n.quietDays) ? ` (limit ${days(n.quietDays)})` : ''}`
        + (isText(n.stalePredictionAsOf) ? `; the prediction as of ${n.stalePredictionAsOf} is too old to judge by` : '');
    case 'vip':
      return vipSentence(n, money);
    case 'new':
      return isText(n.firstPurchaseDay) ? `New: first purchase ${n.firstPurchaseDay}` : null;
    case 'regular':
      if (!isNumber(n.medianIntervalDays) || !isNumber(n.coefficientOfVariation) || !isNumber(n.intervalCount)) return null;
      if (isNumber(n.frequentWithinDays)) {
        return `Regular: buys about every ${days(n.medianIntervalDays)} over ${counted(n.intervalCount, 'interval')}; variation ${percent(n.coefficientOfVariation)}%, steady for someone who buys at least every ${days(n.frequentWithinDays)}`;
      }
      return `Regular: buys about every ${days(n.medianIntervalDays)} (variation ${percent(n.coefficientOfVariation)}%) over ${counted(n.intervalCount, 'interval')}`;
    case 'loyal':
      if (!isText(n.firstPurchaseDay) || !isNumber(n.periodCount) || !isNumber(n.periodMonths)) return null;
      return `Loyal: customer since ${n.firstPurchaseDay}, bought in ${counted(n.periodCount, `different ${n.periodMonths}-month period`)}`;
    case 'occasional':
      return occasionalSentence(n);
    case 'one_time':
      return isText(n.firstPurchaseDay) ? `One-time buyer: single purchase ${n.firstPurchaseDay}` : null;
    case 'lead':
      return leadSentence(n);
    case 'consumer':
      return isText(n.firstReceivedDay) ? `Consumer: received an order bought by another customer on ${n.firstReceivedDay}` : null;
    default:
      return null;
  }
}

/**
 * A lead's orders when they placed any by the as-of day (stored since 2026-12; older rows and
 * leads without orders say "no verified purchase yet"): a support agent seeing orders on their
 * timeline reads why none made them a customer, and the rule that would.
 */
function leadSentence(n: Numbers): string {
  const interest = isText(n.firstInterestDay)
    ? `first interest ${n.firstInterestDay} via ${isText(n.firstInterestChannel) ? n.firstInterestChannel : 'an unknown channel'}`
    : null;
  if (!isNumber(n.orderCount) || n.orderCount <= 0 || !isNumber(n.refundedOrderCount) || !isNumber(n.cancelledOrderCount)) {
    return `Lead: no verified purchase yet, ${interest ?? 'no sign of interest recorded'}`;
  }
  const befell = (count: number, what: string) => { const text = formatDecimal(count); return `${text} ${text === '1' ? 'was' : 'were'} ${what}`; };
  const outcomes = [
    ...(n.refundedOrderCount > 0 ? [befell(n.refundedOrderCount, 'refunded')] : []),
    ...(n.cancelledOrderCount > 0 ? [befell(n.cancelledOrderCount, 'cancelled')] : []),
  ];
  const orders = n.orderCount === 1 ? '1 order, not verified' : `${formatDecimal(n.orderCount)} orders, none verified`;
  return `Lead: ${orders} (${outcomes.join(', ')})${interest ? `, ${interest}` : ''} — a customer is real once a purchase is paid and not fully refunded`;
}

/**
 * States why the rhythm is not regular with the figure that decided it and the rule's limit
 * (classify.ts irregularity()): too few purchase days to judge, or intervals that vary at or
 * above what a regular rhythm allows. Rows from before those figures were stored say only
 * "an irregular rhythm".
 */
function occasionalSentence(n: Numbers): string | null {
  if (!isNumber(n.purchaseDays) || !isNumber(n.promotionPercent)) return null;
  const promotion = `${n.promotionPercent}% of orders with a promotion${n.isPromotionDriven === true ? ' (promotion-driven)' : ''}`;
  // a loyal customer's yearly rate, stored since 2026-12: at the limit or above they would not be occasional
  const purchaseDays = isNumber(n.purchaseDaysPerYear) && isNumber(n.frequentLoyalPurchaseDaysPerYear)
    ? `${counted(n.purchaseDays, 'purchase day')}, about ${formatDecimal(n.purchaseDaysPerYear)} a year (a loyal customer buying on ${n.frequentLoyalPurchaseDaysPerYear} or more is not occasional)`
    : counted(n.purchaseDays, 'purchase day');
  if (isNumber(n.minIntervals)) {
    return `Occasional: ${purchaseDays}, too few to judge a rhythm by (a regular rhythm needs at least ${n.minIntervals + 1}), ${promotion}`;
  }
  if (isNumber(n.coefficientOfVariation) && isNumber(n.variationLimit)) {
    const limit = isNumber(n.frequentWithinDays)
      ? `a regular rhythm needs under ${percent(n.variationLimit)}% for someone who buys at least every ${days(n.frequentWithinDays)}`
      : `a regular rhythm needs under ${percent(n.variationLimit)}%`;
    return `Occasional: ${purchaseDays}, intervals varying ${percent(n.coefficientOfVariation)}% around their average (${limit}), ${promotion}`;
  }
  return `Occasional: ${purchaseDays} at an irregular rhythm, ${promotion}`;
}

/**
 * By revenue or by purchase days, as the analysis recorded (`vipBy`); rows
 * from before it was recorded are judged as the web app does: by revenue
 * when the window's revenue reaches the revenue cut-off.
 */
function vipSentence(n: Numbers, money: MoneyFormat): string | null {
  if (!isNumber(n.windowDays) || !isNumber(n.topPercent)) return null;
  const revenueReached = isNumber(n.revenueCutoffMinor) && isNumber(n.windowRevenueMinor) && n.windowRevenueMinor > 0 && n.windowRevenueMinor >= n.revenueCutoffMinor;
  const byRevenue = n.vipBy === undefined ? revenueReached : n.vipBy === 'revenue';
  if (byRevenue && isNumber(n.windowRevenueMinor) && isNumber(n.revenueCutoffMinor)) {
    return `VIP: revenue in the last ${days(n.windowDays)} ${formatMoneyWith(money, n.windowRevenueMinor)}, ${vipRank(n.topPercent, n, formatMoneyWith(money, n.revenueCutoffMinor))}`;
  }
  if (isNumber(n.windowPurchaseDays) && isNumber(n.frequencyCutoff)) {
    return `VIP: ${counted(n.windowPurchaseDays, 'purchase day')} in the last ${days(n.windowDays)}, ${vipRank(n.topPercent, n, String(n.frequencyCutoff))}`;
  }
  return null;
}

/**
 * "Within the top X%", true to the share that reaches the cut-off
 * (`reachedPercent`) where it is above the share asked for: everyone tied at
 * the cut-off is a VIP, and a store's share is rounded up to a whole customer.
 * Rows from before the share was recorded name the share asked for.
 */
function vipRank(topPercent: number, n: Numbers, cutoff: string): string {
  const asked = formatDecimal(topPercent);
  if (!isNumber(n.reachedPercent) || n.reachedPercent <= topPercent) return `within the top ${asked}% of real customers (cut-off ${cutoff})`;
  const reached = formatDecimal(n.reachedPercent);
  return n.isTiedAtCutoff === true
    ? `within the top ${reached}% of real customers (${asked}% asked for; customers tied at the cut-off of ${cutoff} all count)`
    : `within the top ${reached}% of real customers (${asked}% asked for, rounded up to whole customers; cut-off ${cutoff})`;
}
