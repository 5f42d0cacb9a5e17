import { describe, expect, it } from 'vitest';
import type { CustomerPrediction } from '../../api/analytics-types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { predictionFigures } from './prediction-figures.js';
import { purchaseRhythmTable } from './purchase-rhythm-table.js';
import { moneyOrUnpriced, unpricedPredictionFigures, unpricedRhythmTable } from './unpriced-money.js';

const t = (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, values);
const format = createFormatters('en', 'EUR', 'Europe/Riga');

describe('money on the customer pages of a store whose orders carry no prices', () => {
  it.each([
    [0, false, 'No prices recorded'],
    [0, true, '€0.00'],
    [1_250, true, '€12.50'],
    [0, null, '€0.00'],
  ] as const)('shows %s with hasPrices %s as %s', (amountMinor, hasPrices, shown) => {
    expect(moneyOrUnpriced(amountMinor, hasPrices, { t, format })).toBe(shown);
  });

  it('says so in the purchase rhythm\'s money column and leaves the days and gaps', () => {
    const table = purchaseRhythmTable([{ day: '2026-06-02', gapDays: null, amountMinor: 0 }, { day: '2026-06-16', gapDays: 14, amountMinor: 0 }], t);
    expect(unpricedRhythmTable(table, t).rows).toEqual([['2026-06-02', null, 'No prices recorded'], ['2026-06-16', 14, 'No prices recorded']]);
  });

  it('leaves the prediction\'s spend and lifetime value unsaid, and its chances and purchases as they are', () => {
    const prediction: CustomerPrediction = {
      asOf: '2026-06-30', model: 'bgnbd', pAlive: null, expectedPurchases90d: 0.8, expectedSpendMinor: 0, clvMinor: 0, clvHorizonDays: 365,
      nextPurchaseDay: null, churnRisk: null, predictedAt: '2026-06-30T00:00:00Z', purchaseDays: 1,
    };
    const figures = unpricedPredictionFigures(predictionFigures(prediction, { t, format }), t);
    expect(figures).toMatchObject({ expectedSpend: 'No prices recorded', clv: 'No prices recorded', expectedPurchases: '0.8' });
    expect(figures.notes.map((note) => note.key)).toEqual(['notEstimated']);
  });
});
