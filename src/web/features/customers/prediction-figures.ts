import type { CustomerPrediction } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { chanceText } from './chance-text.js';

type Translate = (key: string, values?: Record<string, string | number>) => string;
/** `locale` picks the plural form of a count (English when not given). */
type PredictionI18n = { t: Translate; format: Pick<Formatters, 'number' | 'percent' | 'money' | 'date'>; locale?: Locale };

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
  /**
   * Why figures read as they do: not estimated for a one-time buyer, the store's average spend, no spend or value for a buyer
   * of free orders only or from a run without a usable spend model, and how the lifetime value is discounted.
   */
  notes: Array<{ key: PredictionNoteKey; text: string }>;
};

export type PredictionNoteKey = 'notEstimated' | 'storeAverage' | 'freePurchasesOnly' | 'noSpendModel' | 'discounted';

/** Why the stored prediction has no spend or value, as a note; null when it has them, or when it was stored before the reason was kept. */
function noSpendNote(prediction: CustomerPrediction, t: Translate): PredictionFigures['notes'][number] | null {
  if (prediction.expectedSpendMinor !== null && prediction.clvMinor !== null) return null;
  if (prediction.spendNotEstimated === 'free_purchases_only') return { key: 'freePurchasesOnly', text: t('customer.prediction.freePurchasesOnlyWhy') };
  if (prediction.spendNotEstimated === 'no_spend_model') return { key: 'noSpendModel', text: t('customer.prediction.noSpendModelWhy') };
  return null;
}

/**
 * How the lifetime value weighs later purchases: discounted by its rate per period, or not at all. Only beside a value shown as
 * an amount, and only for predictions that keep the rate (not those stored before it was kept).
 */
function discountNote(prediction: CustomerPrediction, { t, format, locale }: PredictionI18n): PredictionFigures['notes'][number] | null {
  const rate = prediction.clvDiscountRate;
  if (rate === null || rate === undefined || prediction.clvMinor === null || isValueNothingExpected(prediction)) return null;
  if (rate === 0) return { key: 'discounted', text: t('customer.prediction.notDiscounted') };
  const days = prediction.clvPeriodDays ?? 30;
  return { key: 'discounted', text: t(pluralKey(locale ?? 'en', 'customer.prediction.discounted', days), { rate: format.percent(rate, 2), days: Number.isInteger(days) ? format.number(days) : format.number(days, 1) }) };
}

/**
 * The prediction card's figures as they may honestly be read. BG/NBD cannot tell whether a
 * one-time buyer has left: their chance and next purchase are not estimated (the median wait
 * assumes they are still there), and their expected purchases assume they have not left. The
 * spend model learns spend from repeat purchases, so a one-time buyer's expected spend is the
 * store's average, shown as such (docs/models.md); a buyer of free orders only gets no spend or
 * value, and a note says why. Figures that round to nothing read "none expected", and the
 * lifetime value names the span it covers, longer than the 90 days beside it, and how it is discounted.
 */
export function predictionFigures(prediction: CustomerPrediction, i18n: PredictionI18n): PredictionFigures {
  const { t, format } = i18n;
  const notEstimated = t('customer.prediction.notEstimated');
  const noneExpected = t('customer.prediction.noneExpected');
  const isOneTime = isOneTimeBuyer(prediction);
  const spend = prediction.expectedSpendMinor === null ? null : format.money(Math.round(prediction.expectedSpendMinor));
  const notes: PredictionFigures['notes'] = [];
  if (prediction.pAlive === null) notes.push({ key: 'notEstimated', text: t('customer.prediction.notEstimatedWhy') });
  if (isOneTime && spend !== null) notes.push({ key: 'storeAverage', text: t('customer.prediction.storeAverageWhy') });
  const noSpend = noSpendNote(prediction, t);
  if (noSpend) notes.push(noSpend);
  const discount = discountNote(prediction, i18n);
  if (discount) notes.push(discount);
  return {
    chance: prediction.pAlive === null ? notEstimated : chanceText(prediction.pAlive, format),
    expectedPurchases: prediction.expectedPurchases90d < noneExpectedBelow ? noneExpected : format.number(prediction.expectedPurchases90d, 1),
    expectedSpend: spend === null ? notEstimated : isOneTime ? t('customer.prediction.storeAverage', { amount: spend }) : spend,
    clvLabel: prediction.clvHorizonDays ? t('customer.prediction.clvOver', { days: format.number(prediction.clvHorizonDays) }) : t('customer.prediction.clv'),
    clv: prediction.clvMinor === null ? notEstimated : isValueNothingExpected(prediction) ? noneExpected : format.money(Math.round(prediction.clvMinor)),
    nextPurchase: prediction.pAlive === null ? notEstimated : prediction.nextPurchaseDay ? format.date(prediction.nextPurchaseDay) : noneExpected,
    notes,
  };
}
