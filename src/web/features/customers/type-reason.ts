import type { Formatters } from '../../i18n/format.js';
import { chanceText } from './chance-text.js';

/** A message key under `typeReasons` and its variables, already formatted for the reader's locale. */
export type TypeReasonMessage = { key: string; values: Record<string, string> };

type Numbers = Record<string, unknown>;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The reason for one of a customer's types, rebuilt from the numbers the
 * analysis stored beside it (src/analytics/classify.ts writes both), so it reads
 * in the user's language with the user's number and date formats. Null when
 * the numbers lack a figure the sentence needs: the caller then shows the
 * server's English reason rather than a sentence with a hole in it.
 */
export function typeReasonMessage(type: string, numbers: unknown, format: Formatters): TypeReasonMessage | null {
  if (!numbers || typeof numbers !== 'object') return null;
  const n = numbers as Numbers;
  const decimal = (value: number) => decimalText(value, format);
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
          return message('lapsedProbabilityAsOf', { probability, asOf: day(n.pAliveAsOf), limit, date: day(n.lastPurchaseDay), purchaseDays: format.number(n.purchaseDays) });
        }
        return isText(n.lastPurchaseDay) && isNumber(n.purchaseDays)
          ? message('lapsedProbabilityLastPurchase', { probability, limit, date: day(n.lastPurchaseDay), purchaseDays: format.number(n.purchaseDays) })
          : message('lapsedProbabilityBelow', { probability, limit });
      }
      if (isText(n.lastPurchaseDay) && isNumber(n.quietDays) && isText(n.stalePredictionAsOf)) {
        return message('lapsedQuietStalePrediction', { date: day(n.lastPurchaseDay), limit: format.number(n.quietDays), asOf: day(n.stalePredictionAsOf) });
      }
      if (isText(n.lastPurchaseDay) && isNumber(n.quietDays)) {
        return message('lapsedQuiet', { date: day(n.lastPurchaseDay), limit: format.number(n.quietDays) });
      }
      return null;
    case 'at_risk':
      if (!isText(n.lastPurchaseDay) || !isText(n.overdueDay) || !isNumber(n.medianIntervalDays) || !isNumber(n.overdueAfterDays)) return null;
      return message('atRisk', { date: day(n.lastPurchaseDay), median: decimal(n.medianIntervalDays), overdueDate: day(n.overdueDay), limit: decimal(n.overdueAfterDays) });
    case 'vip':
      return vipMessage(n, format, message);
    case 'new':
      if (!isText(n.firstPurchaseDay)) return null;
      return message('new', { date: day(n.firstPurchaseDay) });
    case 'regular':
      if (!isNumber(n.medianIntervalDays) || !isNumber(n.coefficientOfVariation) || !isNumber(n.intervalCount)) return null;
      if (isNumber(n.frequentWithinDays)) {
        return message('regularFrequent', { median: decimal(n.medianIntervalDays), variation: format.percent(n.coefficientOfVariation, 0), intervals: format.number(n.intervalCount), frequentDays: format.number(n.frequentWithinDays) });
      }
      return message('regular', { median: decimal(n.medianIntervalDays), variation: format.percent(n.coefficientOfVariation, 0), intervals: format.number(n.intervalCount) });
    case 'loyal':
      if (!isText(n.firstPurchaseDay) || !isNumber(n.periodCount) || !isNumber(n.periodMonths)) return null;
      return message('loyal', { date: day(n.firstPurchaseDay), periods: format.number(n.periodCount), months: format.number(n.periodMonths) });
    case 'occasional':
      return occasionalMessage(n, format, message);
    case 'one_time':
      if (!isText(n.firstPurchaseDay)) return null;
      return message('oneTime', { date: day(n.firstPurchaseDay) });
    case 'lead':
      if (!isText(n.firstInterestDay)) return message('leadNoInterest', {});
      return isText(n.firstInterestChannel)
        ? message('leadInterest', { date: day(n.firstInterestDay), channel: n.firstInterestChannel })
        : message('leadInterestUnknownChannel', { date: day(n.firstInterestDay) });
    case 'consumer':
      if (!isText(n.firstReceivedDay)) return null;
      return message('consumer', { date: day(n.firstReceivedDay) });
    default:
      return null;
  }
}

/**
 * Why the rhythm is not regular, with the figure that decided it and the rule's limit, as the
 * server words it (src/analytics/type-reasons.ts): too few purchase days to judge, or intervals
 * varying at or above the limit. Rows from before those figures were stored: "an irregular rhythm".
 */
function occasionalMessage(n: Numbers, format: Formatters, message: (key: string, values: Record<string, string>) => TypeReasonMessage): TypeReasonMessage | null {
  if (!isNumber(n.purchaseDays) || !isNumber(n.promotionPercent)) return null;
  const driven = n.isPromotionDriven === true ? 'PromotionDriven' : '';
  const common = { purchaseDays: format.number(n.purchaseDays), promotion: format.percent(n.promotionPercent / 100, 0) };
  if (isNumber(n.minIntervals)) return message(`occasionalFewDays${driven}`, { ...common, neededDays: format.number(n.minIntervals + 1) });
  if (isNumber(n.coefficientOfVariation) && isNumber(n.variationLimit)) {
    const varied = { ...common, variation: format.percent(n.coefficientOfVariation, 0), limit: format.percent(n.variationLimit, 0) };
    return isNumber(n.frequentWithinDays)
      ? message(`occasionalVariedFrequent${driven}`, { ...varied, frequentDays: format.number(n.frequentWithinDays) })
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
function vipMessage(n: Numbers, format: Formatters, message: (key: string, values: Record<string, string>) => TypeReasonMessage): TypeReasonMessage | null {
  if (!isNumber(n.windowDays) || !isNumber(n.topPercent)) return null;
  const reached = isNumber(n.reachedPercent) && n.reachedPercent > n.topPercent ? n.reachedPercent : null;
  const wording = reached === null ? '' : n.isTiedAtCutoff === true ? 'Tied' : 'RoundedUp';
  const common = {
    windowDays: format.number(n.windowDays), top: decimalText(n.topPercent, format),
    ...(reached === null ? {} : { reached: decimalText(reached, format) }),
  };
  const revenueReached = isNumber(n.revenueCutoffMinor) && isNumber(n.windowRevenueMinor) && n.windowRevenueMinor > 0 && n.windowRevenueMinor >= n.revenueCutoffMinor;
  const byRevenue = n.vipBy === undefined ? revenueReached : n.vipBy === 'revenue';
  if (byRevenue && isNumber(n.revenueCutoffMinor) && isNumber(n.windowRevenueMinor)) {
    return message(`vipRevenue${wording}`, { ...common, revenue: format.money(n.windowRevenueMinor), cutoff: format.money(n.revenueCutoffMinor) });
  }
  if (isNumber(n.frequencyCutoff) && isNumber(n.windowPurchaseDays)) {
    return message(`vipFrequency${wording}`, { ...common, purchaseDays: format.number(n.windowPurchaseDays), cutoff: format.number(n.frequencyCutoff) });
  }
  return null;
}

/** Up to two decimals, as many as the value needs ("14", "14.5", "14.25"), as the analysis writes them. */
function decimalText(value: number, format: Formatters): string {
  const rounded = Math.round(value * 100) / 100;
  const isWhole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;
  return format.number(rounded, isWhole(rounded) ? 0 : isWhole(rounded * 10) ? 1 : 2);
}
