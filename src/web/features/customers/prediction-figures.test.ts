import { describe, expect, it } from 'vitest';
import type { CustomerPrediction } from '../../api/analytics-types.js';
import { createFormatters } from '../../i18n/format.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { noPredictionText, predictionFigures } from './prediction-figures.js';

const i18nFor = (locale: 'en' | 'id' | 'lv', tag: string, currency = 'IDR') => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(tag, currency, 'Asia/Jakarta'),
});
const en = i18nFor('en', 'en-GB');
const base: CustomerPrediction = {
  asOf: '2026-12-03T00:00:00.000Z', model: 'bgnbd', pAlive: 0.65, expectedPurchases90d: 0.4, expectedSpendMinor: 5_123, clvMinor: 7_713,
  clvHorizonDays: 365, nextPurchaseDay: '2027-01-10T00:00:00.000Z', churnRisk: 'medium', predictedAt: '2026-12-03T09:34:01.259Z', purchaseDays: 5,
};

// the synthetic demo's customers as the API gave them (2026-12-03)
const oneTimeBuyer: CustomerPrediction = { ...base, pAlive: null, churnRisk: null, expectedPurchases90d: 0.6909, expectedSpendMinor: 415_280, clvMinor: 984_895, nextPurchaseDay: '2027-04-07T00:00:00.000Z', purchaseDays: 1 };
const nearlyGone: CustomerPrediction = { ...base, pAlive: 0.003885, churnRisk: 'high', expectedPurchases90d: 0.005087, expectedSpendMinor: 5_717_471, clvMinor: 102_032, nextPurchaseDay: null, purchaseDays: 11 };
const gone: CustomerPrediction = { ...base, pAlive: 1.17e-8, churnRisk: 'high', expectedPurchases90d: 5.8e-8, expectedSpendMinor: 4_032_481, clvMinor: 1, nextPurchaseDay: null, purchaseDays: 63 };

describe('the prediction card\'s figures', () => {
  it('shows a one-time buyer\'s spend as the store\'s average and gives no next purchase for a chance it cannot estimate', () => {
    const figures = predictionFigures(oneTimeBuyer, en);
    expect(figures).toMatchObject({
      chance: 'Not estimated', expectedPurchases: '0.7', expectedSpend: `${en.format.money(415_280)} (store average)`,
      clvLabel: 'Customer lifetime value, next 365 days', clv: en.format.money(984_895), nextPurchase: 'Not estimated',
    });
    expect(figures.notes.map((note) => note.key)).toEqual(['notEstimated', 'storeAverage']);
    expect(figures.notes[1].text).toMatch(/^Spend per order is the store's average: the spend model learns a customer's own spend from their repeat purchases/);
    // a stored prediction from before the next purchase was left out for them still shows none
    expect(predictionFigures({ ...oneTimeBuyer, nextPurchaseDay: '2027-04-07T00:00:00.000Z' }, en).nextPurchase).toBe('Not estimated');
  });

  it('keeps a one-time buyer\'s store-average spend when Pareto/NBD estimates their chance', () => {
    const pareto = predictionFigures({ ...oneTimeBuyer, model: 'paretonbd', pAlive: 0.42, churnRisk: 'medium', nextPurchaseDay: null }, en);
    expect(pareto).toMatchObject({ chance: '42%', expectedSpend: `${en.format.money(415_280)} (store average)`, nextPurchase: 'None expected' });
    expect(pareto.notes.map((note) => note.key)).toEqual(['storeAverage']);
  });

  it('never shows 0% and 0.0 purchases beside a lifetime value: what rounds to nothing is none expected', () => {
    // 0.4% alive, 0.005 purchases in 90 days, 0.018 purchases in a year at IDR 5.7M each = IDR 102,032
    expect(predictionFigures(nearlyGone, en)).toMatchObject({ chance: '<1%', expectedPurchases: 'None expected', clv: 'None expected', nextPurchase: 'None expected' });
    // "IDR 1"
    expect(predictionFigures(gone, en)).toMatchObject({ chance: '<1%', expectedPurchases: 'None expected', clv: 'None expected' });
    // a tenth of a purchase in the year is a value, named with the span it covers beside the 90 days
    const quiet = predictionFigures({ ...nearlyGone, pAlive: 0.08, expectedPurchases90d: 0.03, clvMinor: 600_000 }, en);
    expect(quiet).toMatchObject({ chance: '8%', expectedPurchases: 'None expected', clvLabel: 'Customer lifetime value, next 365 days', clv: en.format.money(600_000) });
    expect(quiet.notes).toEqual([]);
  });

  it('shows a repeat buyer\'s own figures, and the value without a span for predictions stored before it was kept', () => {
    const usd = i18nFor('en', 'en-GB', 'USD');
    const figures = predictionFigures({ ...base, clvHorizonDays: null }, usd);
    expect(figures).toMatchObject({ chance: '65%', expectedPurchases: '0.4', expectedSpend: 'US$51.23', clvLabel: 'Customer lifetime value', clv: 'US$77.13', nextPurchase: '10 Jan 2027' });
    expect(predictionFigures({ ...base, pAlive: 0.9991 }, usd).chance).toBe('>99%');
    expect(predictionFigures({ ...base, expectedSpendMinor: null, clvMinor: null }, usd)).toMatchObject({ expectedSpend: 'Not estimated', clv: 'Not estimated' });
  });

  it.each(locales)('tells a lead in %s that there is no purchase to predict from, not that the models have yet to run', (locale) => {
    const { t } = i18nFor(locale, 'en-GB');
    const lead = noPredictionText(false, t);
    expect(lead).not.toMatch(/customer\.prediction\.|model/i);
    expect(lead).not.toBe(noPredictionText(true, t));
    expect(noPredictionText(true, t)).toBe(t('customer.prediction.none'));
  });

  it.each(locales)('words every figure in %s, with no placeholder left', (locale) => {
    const i18n = i18nFor(locale, { en: 'en-GB', id: 'id-ID', lv: 'lv-LV' }[locale]);
    for (const prediction of [oneTimeBuyer, nearlyGone, gone, base]) {
      const { notes, ...figures } = predictionFigures(prediction, i18n);
      for (const text of [...Object.values(figures), ...notes.map((note) => note.text)]) expect(text).not.toMatch(/[{}]|customer\.prediction\./);
    }
  });
});
