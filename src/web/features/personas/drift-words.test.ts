import { describe, expect, it } from 'vitest';
import { magnitudeOfD, magnitudeOfV } from '../../../personas/drift.js';
import type { DriftAttribute } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { byLargestChange, driftSizeText, driftStatement, sizeOfD, sizeOfV, typicalSpendMinor, vThresholds } from './drift-words.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const percentIn = { en: createFormatters('en-GB', null, 'UTC').percent, id: createFormatters('id-ID', null, 'UTC').percent, lv: createFormatters('lv-LV', null, 'UTC').percent };
const say = (locale: Locale, attribute: DriftAttribute) => driftStatement(attribute, tIn(locale), percentIn[locale]);

const summary = { n: 100, mean: 40, variance: 100 };
const numeric = (attribute: string, cohensD: number | null): DriftAttribute => ({ attribute, kind: 'numeric', unit: 'customers', before: summary, after: summary, cohensD, magnitude: magnitudeOfD(cohensD) });
const categorical = (attribute: string, cramersV: number | null, totalVariation = 0.12, unit: 'customers' | 'orders' | 'amount' = 'customers'): DriftAttribute => (
  { attribute, kind: 'categorical', unit, series: [], totalVariation, cramersV, magnitude: magnitudeOfV(cramersV) });

describe('sizeOfD', () => {
  it.each([
    [0, 'negligible'], [0.19, 'negligible'], [-0.19, 'negligible'],
    [0.2, 'small'], [-0.2, 'small'], [0.49, 'small'],
    [0.5, 'medium'], [-0.5, 'medium'], [0.79, 'medium'],
    [0.8, 'large'], [-0.8, 'large'], [-1.5, 'large'],
  ] as const)('calls d = %s a %s change, whichever way it goes', (d, size) => {
    expect(sizeOfD(d)).toBe(size);
    // the same reading as the server's magnitude
    expect(magnitudeOfD(d)).toBe(size);
  });

  it('has no size without a d', () => {
    expect(sizeOfD(null)).toBeNull();
  });
});

describe('sizeOfV', () => {
  it.each([
    [0, 'negligible'], [0.099, 'negligible'], [0.1, 'small'], [0.299, 'small'], [0.3, 'medium'], [0.499, 'medium'], [0.5, 'large'], [1, 'large'],
  ] as const)('calls V = %s a %s change with one degree of freedom (two periods)', (v, size) => {
    expect(sizeOfV(v)).toBe(size);
    expect(magnitudeOfV(v)).toBe(size);
  });

  it('lowers the thresholds by √df for larger tables', () => {
    expect(vThresholds(4)).toEqual({ small: 0.05, medium: 0.15, large: 0.25 });
    expect(sizeOfV(0.05, 4)).toBe('small');
    expect(sizeOfV(0.2, 4)).toBe('medium');
    expect(sizeOfV(0.2)).toBe('small');
  });

  it('has no size without a V', () => {
    expect(sizeOfV(null)).toBeNull();
  });
});

describe('a drift row in words', () => {
  it('says which way a mean moved, in the reader\'s language', () => {
    expect(say('en', numeric('age', 0.55)).text).toBe('Customers are older');
    expect(say('en', numeric('age', -0.2)).text).toBe('Customers are younger');
    expect(say('en', numeric('spend (log)', -0.9)).text).toBe('Customers spend less');
    expect(say('en', numeric('orders per customer', 0.3)).text).toBe('Customers order more often');
    expect(say('id', numeric('age', 0.55)).text).toBe('Pelanggan lebih tua');
    expect(say('lv', numeric('age', -0.55)).text).toBe('Klienti ir jaunāki');
  });

  it('says how much of a mix moved, in the unit it was measured in', () => {
    expect(say('en', categorical('channel', 0.15, 0.12, 'orders')).text).toBe('Channel mix shifted: 12% of orders moved');
    expect(say('en', categorical('age band', 0.35, 0.3)).text).toBe('Age mix shifted: 30% of customers moved');
    expect(say('lv', categorical('channel', 0.15, 0.12, 'orders')).text).toBe('Kanālu sadalījums mainījās: pārvietojās 12% pasūtījumu');
    expect(say('id', categorical('category', 0.6, 0.4, 'amount')).text).toBe('Komposisi kategori bergeser: 40% nilai belanja berpindah');
  });

  it('tells no direction below a small change or without a statistic, only what the row is about', () => {
    expect(say('en', numeric('age', 0.19)).text).toBe('Age');
    expect(say('en', numeric('age', -0.19)).text).toBe('Age');
    expect(say('en', numeric('age', null)).text).toBe('Age');
    expect(say('en', categorical('channel', 0.09)).text).toBe('Channel mix');
    expect(say('lv', categorical('city', null)).text).toBe('Pilsētu sadalījums');
  });

  it('names an attribute the app does not know as the server does', () => {
    expect(say('en', numeric('shoe size', 0.9)).text).toBe('shoe size went up');
    expect(say('en', numeric('shoe size', 0.1))).toEqual({ text: 'shoe size', lang: 'en' });
    expect(say('en', categorical('weather', 0.2)).text).toBe('weather shifted: 12% of customers moved');
  });

  it('puts the size in words, "no real change" below small', () => {
    expect(driftSizeText(sizeOfD(0.55), tIn('en'))).toBe('medium change');
    expect(driftSizeText(sizeOfD(0.1), tIn('en'))).toBe('no real change');
    expect(driftSizeText(sizeOfD(null), tIn('en'))).toBe('too few customers to tell');
    expect(driftSizeText(sizeOfV(0.6), tIn('lv'))).toBe('lielas izmaiņas');
    expect(driftSizeText(sizeOfV(0.12), tIn('id'))).toBe('perubahan kecil');
  });
});

describe('byLargestChange', () => {
  it('lists large changes first, then by the statistic against its own small threshold, unmeasurable ones last', () => {
    const attributes = [
      numeric('age', 0.1), numeric('spend (log)', null), numeric('orders per customer', -0.9),
      categorical('channel', 0.2), categorical('city', 0.35), numeric('shoe size', 0.3), categorical('kind', 0.5),
    ];
    // 0.2/0.2 = 1 small unit for d 0.2 against 0.2/0.1 = 2 for V 0.2: the mix moved more
    expect(byLargestChange(attributes).map((attribute) => attribute.attribute)).toEqual(['kind', 'orders per customer', 'city', 'channel', 'shoe size', 'age', 'spend (log)']);
  });

  it('keeps the server\'s order between equal changes', () => {
    const attributes = [categorical('city', 0.05), categorical('kind', 0.05), numeric('age', 0)];
    expect(byLargestChange(attributes).map((attribute) => attribute.attribute)).toEqual(['city', 'kind', 'age']);
  });
});

describe('typicalSpendMinor', () => {
  it('turns the mean of ln(1 + spend) back into money', () => {
    expect(typicalSpendMinor(Math.log1p(4999))).toBeCloseTo(4999, 6);
    expect(typicalSpendMinor((Math.log1p(99) + Math.log1p(9999)) / 2)).toBeCloseTo(999, 6);
    expect(typicalSpendMinor(null)).toBeNull();
  });
});
