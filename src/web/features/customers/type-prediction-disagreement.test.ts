import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { typePredictionDisagreement } from './type-prediction-disagreement.js';

const prediction = (pAlive: number | null, churnRisk: string | null) => ({ pAlive, churnRisk });

describe('when the customer type and the prediction disagree', () => {
  it.each([
    [['at_risk', 'vip'], prediction(0.85, 'low'), 'overdueButLikelyActive'],
    [['regular', 'loyal'], prediction(0.12, 'high'), 'regularButLikelyGone'],
    // the two agree, or only half disagree: nothing to reconcile
    [['at_risk'], prediction(0.5, 'medium'), null],
    [['at_risk'], prediction(0.1, 'high'), null],
    [['regular'], prediction(0.9, 'low'), null],
    [['regular'], prediction(0.5, 'medium'), null],
    [['occasional'], prediction(0.1, 'high'), null],
    [['lapsed'], prediction(0.9, 'low'), null],
    // the model did not estimate, or there is no type or no prediction yet
    [['at_risk'], prediction(null, null), null],
    [null, prediction(0.85, 'low'), null],
    [['at_risk'], null, null],
  ] as const)('types %j with %j: %s', (types, given, expected) => {
    expect(typePredictionDisagreement(types, given)).toBe(expected);
  });

  it('says each disagreement in every language', () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      for (const key of ['overdueButLikelyActive', 'regularButLikelyGone']) {
        const text = lookupMessage(messagesByLocale[locale], `customer.prediction.disagreement.${key}`, { pAlive: '85%' });
        expect({ locale, key, isTranslated: !text.startsWith('customer.') && text.includes('85%') }).toEqual({ locale, key, isTranslated: true });
      }
    }
    expect(lookupMessage(messagesByLocale.en, 'customer.prediction.disagreement.overdueButLikelyActive', { pAlive: '85%' })).toMatch(/^Overdue by their own rhythm, but the model still expects them back/);
  });
});
