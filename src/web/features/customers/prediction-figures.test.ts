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
  asOf: '2026-12-03', model: 'bgnbd', pAlive: 0.65, expectedPurchases90d: 0.4, expectedSpendMinor: 5_123, clvMinor: 7_713,
  clvHorizonDays: 365, nextPurchaseDay: '2027-01-10', churnRisk: 'medium', predictedAt: '2026-12-03T09:34:01.259Z', purchaseDays: 5,
};

// the synthetic demo's customers as the API gave them (2026-12-03)
const oneTimeBuyer: CustomerPrediction = { ...base, pAlive: null, churnRisk: null, expectedPurchases90d: 0.6909, expectedSpendMinor: 415_280, clvMinor: 984_895, nextPurchaseDay: '2027-04-07', purchaseDays: 1 };
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
    expect(predictionFigures({ ...oneTimeBuyer, nextPurchaseDay: '2027-04-07' }, en).nextPurchase).toBe('Not estimated');
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

  it('says the lifetime value is discounted, and at what rate, when the prediction keeps it', () => {
    const figures = predictionFigures({ ...base, clvDiscountRate: 0.01, clvPeriodDays: 30 }, en);
    expect(figures.clvLabel).toBe('Customer lifetime value, next 365 days');
    expect(figures.notes).toEqual([{ key: 'discounted', text: 'The lifetime value is discounted 1% per 30 days: a purchase further ahead counts for less' }]);
    expect(predictionFigures({ ...base, clvDiscountRate: 0.025, clvPeriodDays: 7 }, en).notes[0].text).toMatch(/^The lifetime value is discounted 2\.5% per 7 days:/);
    expect(predictionFigures({ ...base, clvDiscountRate: 0, clvPeriodDays: 30 }, en).notes).toEqual([{ key: 'discounted', text: expect.stringMatching(/^The lifetime value is not discounted/) }]);
    // stored before the rate was kept, or no value to weigh: nothing said
    expect(predictionFigures({ ...base, clvDiscountRate: null, clvPeriodDays: null }, en).notes).toEqual([]);
    expect(predictionFigures({ ...nearlyGone, clvDiscountRate: 0.01, clvPeriodDays: 30 }, en).notes).toEqual([]);
  });

  it('words the discount in Latvian with the period\'s plural form, and in Indonesian', () => {
    const lv = { ...i18nFor('lv', 'lv-LV'), locale: 'lv' as const };
    expect(predictionFigures({ ...base, clvDiscountRate: 0.01, clvPeriodDays: 30 }, lv).notes[0].text).toBe('Mūža vērtība ir diskontēta par 1% ik pēc 30 dienām: jo tālāks pirkums, jo mazāk tas tiek ieskaitīts');
    expect(predictionFigures({ ...base, clvDiscountRate: 0.01, clvPeriodDays: 21 }, lv).notes[0].text).toMatch(/^Mūža vērtība ir diskontēta par 1% ik pēc 21 dienas:/);
    const id = { ...i18nFor('id', 'id-ID'), locale: 'id' as const };
    expect(predictionFigures({ ...base, clvDiscountRate: 0.01, clvPeriodDays: 30 }, id).notes[0].text).toMatch(/^Nilai seumur hidup didiskon 1% per 30 hari:/);
  });

  it('says why a buyer of free orders only has no spend or value, and why a run without a spend model gave none', () => {
    // as the API gives a customer whose three orders were all free (amount 0)
    const freeOnly: CustomerPrediction = { ...base, purchaseDays: 3, expectedSpendMinor: null, clvMinor: null, clvDiscountRate: 0.01, clvPeriodDays: 30, spendNotEstimated: 'free_purchases_only' };
    const figures = predictionFigures(freeOnly, en);
    expect(figures).toMatchObject({ expectedSpend: 'Not estimated', clv: 'Not estimated' });
    expect(figures.notes).toEqual([{ key: 'freePurchasesOnly', text: expect.stringMatching(/every purchase of this customer was free \(amount 0\), and the spend model describes paid purchases only$/) }]);
    // a one-time buyer of a free order: not the store's average, and why
    expect(predictionFigures({ ...freeOnly, purchaseDays: 1, pAlive: null }, en).notes.map((note) => note.key)).toEqual(['notEstimated', 'freePurchasesOnly']);
    const noModel = predictionFigures({ ...freeOnly, spendNotEstimated: 'no_spend_model' }, en);
    expect(noModel.notes).toEqual([{ key: 'noSpendModel', text: expect.stringMatching(/^No spend per order or lifetime value: the prediction run had no usable spend model/) }]);
    // stored before the reason was kept: no reason is made up
    expect(predictionFigures({ ...freeOnly, spendNotEstimated: null }, en).notes).toEqual([]);
    for (const locale of locales) {
      const { t } = i18nFor(locale, 'en-GB');
      expect(predictionFigures(freeOnly, i18nFor(locale, 'en-GB')).notes[0].text).toBe(t('customer.prediction.freePurchasesOnlyWhy'));
      if (locale !== 'en') expect(t('customer.prediction.freePurchasesOnlyWhy')).not.toBe(lookupMessage(messagesByLocale.en, 'customer.prediction.freePurchasesOnlyWhy'));
    }
  });

  it.each(locales)('words every figure in %s, with no placeholder left', (locale) => {
    const i18n = { ...i18nFor(locale, { en: 'en-GB', id: 'id-ID', lv: 'lv-LV' }[locale]), locale };
    const discounted = { ...base, clvDiscountRate: 0.01, clvPeriodDays: 30 };
    const freeOnly: CustomerPrediction = { ...base, expectedSpendMinor: null, clvMinor: null, spendNotEstimated: 'free_purchases_only' };
    for (const prediction of [oneTimeBuyer, nearlyGone, gone, base, discounted, { ...discounted, clvPeriodDays: 1 }, { ...discounted, clvDiscountRate: 0 }, freeOnly, { ...freeOnly, spendNotEstimated: 'no_spend_model' as const }]) {
      const { notes, ...figures } = predictionFigures(prediction, i18n);
      for (const text of [...Object.values(figures), ...notes.map((note) => note.text)]) expect(text).not.toMatch(/[{}]|customer\.prediction\./);
    }
  });
});
