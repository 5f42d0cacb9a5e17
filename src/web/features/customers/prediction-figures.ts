import type { CustomerPrediction } from '../../api/analytics-types.js';
import type { Formatters } from '../../i18n/format.js';
import { chanceText } from './chance-text.js';

type Translate = (key: string, values?: Record<string, string | number>) => string;
type PredictionI18n = { t: Translate; format: Pick<Formatters, 'number' | 'percent' | 'money' | 'date'> };

/**
 * Fewer expected purchases than this read "none expected": 0.0 at the one decimal shown. A
 * lifetime value worth fewer purchases than this is nothing expected too, so a lapsed
 * customer's card never reads "0%", "0.0" and "IDR 102,032" (0.02 purchases of IDR 5.7M) at once.
 */
export const noneExpectedBelow = 0.05;

/** One customer whose prediction rests on a single purchase day: the spend model knows nothing of their own spend. */
export function isOneTimeBuyer(prediction: Pick<CustomerPrediction, 'purchaseDays'>): boolean {
  return prediction.purchaseDays === 1;
}

/** Whether the lifetime value amounts to nothing: fewer than `noneExpectedBelow` purchases at the expected spend. */
export function isValueNothingExpected(prediction: Pick<CustomerPrediction, 'clvMinor' | 'expectedSpendMinor'>): boolean {
  const { clvMinor, expectedSpendMinor } = prediction;
  if (clvMinor === null) return false;
  if (Math.round(clvMinor) <= 0) return true;
  return expectedSpendMinor !== null && expectedSpendMinor > 0 && clvMinor / expectedSpendMinor < noneExpectedBelow;
}

/** Why the card has no figures: a lead has no purchase to predict from, which no prediction run changes; else none has run since the first purchase. */
export function noPredictionText(hasPurchased: boolean, t: Translate): string {
  return t(hasPurchased ? 'customer.prediction.none' : 'customer.prediction.noPurchase');
}

export type PredictionFigures = {
  chance: string;
  expectedPurchases: string;
  expectedSpend: string;
  clvLabel: string;
  clv: string;
  nextPurchase: string;
  /** Why figures read as they do: not estimated for a one-time buyer, the store's average spend. */
  notes: Array<{ key: 'notEstimated' | 'storeAverage'; text: string }>;
};

/**
 * The prediction card's figures as they may honestly be read. BG/NBD cannot tell whether a
 * one-time buyer has left: their chance and next purchase are not estimated (the median wait
 * assumes they are still there), and their expected purchases assume they have not left. The
 * spend model learns spend from repeat purchases, so a one-time buyer's expected spend is the
 * store's average, shown as such (docs/models.md). Figures that round to nothing read "none
 * expected", and the lifetime value names the span it covers, longer than the 90 days beside it.
 */
export function predictionFigures(prediction: CustomerPrediction, { t, format }: PredictionI18n): PredictionFigures {
  const notEstimated = t('customer.prediction.notEstimated');
  const noneExpected = t('customer.prediction.noneExpected');
  const isOneTime = isOneTimeBuyer(prediction);
  const spend = prediction.expectedSpendMinor === null ? null : format.money(Math.round(prediction.expectedSpendMinor));
  const notes: PredictionFigures['notes'] = [];
  if (prediction.pAlive === null) notes.push({ key: 'notEstimated', text: t('customer.prediction.notEstimatedWhy') });
  if (isOneTime && spend !== null) notes.push({ key: 'storeAverage', text: t('customer.prediction.storeAverageWhy') });
  return {
    chance: prediction.pAlive === null ? notEstimated : chanceText(prediction.pAlive, format),
    expectedPurchases: prediction.expectedPurchases90d < noneExpectedBelow ? noneExpected : format.number(prediction.expectedPurchases90d, 1),
    expectedSpend: spend === null ? notEstimated : isOneTime ? t('customer.prediction.storeAverage', { amount: spend }) : spend,
    clvLabel: prediction.clvHorizonDays ? t('customer.prediction.clvOver', { days: format.number(prediction.clvHorizonDays) }) : t('customer.prediction.clv'),
    clv: prediction.clvMinor === null ? notEstimated : isValueNothingExpected(prediction) ? noneExpected : format.money(Math.round(prediction.clvMinor)),
    nextPurchase: prediction.pAlive === null ? notEstimated : prediction.nextPurchaseDay ? format.date(prediction.nextPurchaseDay.slice(0, 10)) : noneExpected,
    notes,
  };
}
