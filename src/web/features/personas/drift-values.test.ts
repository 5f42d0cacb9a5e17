import { describe, expect, it } from 'vitest';
import type { DriftAttribute, SeriesPoint } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { driftStatement } from './drift-words.js';
import { driftValueText, effectMeasureText, mostMovedShare, relativeChange, shownMean, shownMedian, type NumericDrift } from './drift-values.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const formatIn = (locale: Locale) => createFormatters(intlTagByLocale[locale], 'IDR', 'UTC');
// Intl writes a narrow or plain no-break space between a number and its unit; the reader sees a space
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const cells = (locale: Locale, attribute: DriftAttribute) => (['before', 'after'] as const).map((side) => spaced(driftValueText(attribute, side, tIn(locale), formatIn(locale))));
const mix = (attribute: string, series: SeriesPoint[]): Extract<DriftAttribute, { kind: 'categorical' }> => (
  { attribute, kind: 'categorical', unit: 'customers', series, totalVariation: 0, cramersV: 0.03, magnitude: 'negligible' });

// all customers of the synthetic demo store, June–September against September–December, as the server sorts them
const demoIncome = mix('income band', [
  { label: '(unknown)', before: 0.27121771217712176, after: 0.26916524701873934 },
  { label: '5-10M', before: 0.2730627306273063, after: 0.24872231686541738 },
  { label: '<5M', before: 0.16420664206642066, after: 0.18228279386712096 },
  { label: '>20M', before: 0.16789667896678967, after: 0.17035775127768313 },
  { label: '10-20M', before: 0.12361623616236163, after: 0.12947189097103917 },
]);

describe('mostMovedShare', () => {
  it('picks the value whose share moved most, not each period\'s largest', () => {
    // the earlier period's largest is 5–10M, the later period's Unknown: the row compares 5–10M with itself
    expect(mostMovedShare(demoIncome)?.label).toBe('5-10M');
  });

  it('breaks a tie by the larger later share, then keeps the server\'s order', () => {
    expect(mostMovedShare(mix('channel', [{ label: 'web', before: 0.3, after: 0.2 }, { label: 'store', before: 0.5, after: 0.6 }, { label: 'phone', before: 0.2, after: 0.2 }]))?.label).toBe('store');
    expect(mostMovedShare(mix('kind', [{ label: 'person', before: 1, after: 1 }]))?.label).toBe('person');
    expect(mostMovedShare(mix('city', []))).toBeNull();
  });
});

describe('a drift row\'s earlier and later values', () => {
  it('shows the same value of a mix in both periods, in the reader\'s words', () => {
    expect(cells('en', demoIncome)).toEqual(['5m–10m 27.3%', '5m–10m 24.9%']);
    expect(cells('id', demoIncome)).toEqual(['5 jt – 10 jt 27,3%', '5 jt – 10 jt 24,9%']);
    expect(cells('lv', demoIncome)).toEqual(['5 milj. – 10 milj. 27,3%', '5 milj. – 10 milj. 24,9%']);
  });

  it('shows other means as numbers', () => {
    const age: DriftAttribute = { attribute: 'age', kind: 'numeric', unit: 'customers', before: { n: 0, mean: null, variance: null }, after: { n: 4, mean: 36.38, variance: 140 }, cohensD: null, magnitude: 'negligible' };
    expect(cells('lv', age)).toEqual(['–', '36,4']);
    expect(relativeChange(age)).toBeNull();
  });
});

// CDNOW, all customers, 2 January–2 April 1998 against 2 April–1 July 1998, as POST /api/drift answers:
// 3,808 and 3,301 buyers; SQL on the store gives a mean spend per buyer of US$68.83 and US$64.20 (medians
// US$40.69 and US$37.96), and exp(mean of ln(1 + spend)) − 1 of US$42.69 and US$40.16: no one's spend
const cdnowSpend: NumericDrift = {
  attribute: 'spend (log)', kind: 'numeric', unit: 'customers',
  before: { n: 3808, mean: 8.359460286217024, variance: 0.8651090233196703 }, after: { n: 3301, mean: 8.298335127174825, variance: 0.7924969172077172 },
  cohensD: -0.06703734821774404, magnitude: 'negligible',
  spendPerBuyer: { before: { meanMinor: 6883.469537815126, medianMinor: 4068.5 }, after: { meanMinor: 6420.307179642533, medianMinor: 3796 } },
};
const usdIn = (locale: Locale) => createFormatters(intlTagByLocale[locale], 'USD', 'UTC');
const spendCells = (locale: Locale, attribute: DriftAttribute) => (['before', 'after'] as const).map((side) => spaced(driftValueText(attribute, side, tIn(locale), usdIn(locale))));

describe('the spend row', () => {
  it('shows the plain mean spend per buyer with its median, in money, not the geometric mean the change is sized by', () => {
    expect(spendCells('en', cdnowSpend)).toEqual(['US$68.83 (median US$40.69)', 'US$64.20 (median US$37.96)']);
    expect(spendCells('id', cdnowSpend)).toEqual(['US$68,83 (median US$40,69)', 'US$64,20 (median US$37,96)']);
    expect(spendCells('lv', cdnowSpend)).toEqual(['68,83 $ (mediāna 40,69 $)', '64,20 $ (mediāna 37,96 $)']);
    expect(shownMean(cdnowSpend, 'before')).toBeCloseTo(6883.47, 2);
    expect(shownMedian(cdnowSpend, 'after')).toBe(3796);
    expect(shownMedian({ ...cdnowSpend, attribute: 'age' }, 'after')).toBeNull();
  });

  it('says the move of the mean spend it shows, as "Orders per customer" beside it says its mean\'s', () => {
    expect(relativeChange(cdnowSpend)).toBeCloseTo(6420.307179642533 / 6883.469537815126 - 1, 10);
    expect(driftStatement(cdnowSpend, tIn('en'), usdIn('en').percent).text).toBe('Spend per customer down 7%');
  });

  it('says its d is of log spend, where every other numeric row\'s is of the means it shows', () => {
    const age: DriftAttribute = { ...cdnowSpend, attribute: 'age', spendPerBuyer: undefined } as DriftAttribute;
    const measures = (locale: Locale) => [cdnowSpend, age].map((attribute) => effectMeasureText(attribute, tIn(locale), usdIn(locale)));
    expect(measures('en')).toEqual(["Cohen's d of log spend (difference of means of log spend)", "Cohen's d (difference of means)"]);
    expect(measures('id')).toEqual(["Cohen's d dari log belanja (selisih rata-rata log belanja)", "Cohen's d (selisih rata-rata)"]);
    expect(measures('lv')).toEqual(['Koena d no tēriņu logaritma (tēriņu logaritmu vidējo starpība)', 'Koena d (vidējo starpība)']);
    // the row's name, beside it, no longer says otherwise
    expect(tIn('en')('drift.attributes.spendLog')).toBe('Spend per customer (mean)');
    expect(effectMeasureText(demoIncome, tIn('en'), usdIn('en'))).toMatch(/^Cramér's V \(/);
  });

  it('shows no amount when the server sends no money beside the logs', () => {
    const { spendPerBuyer: _dropped, ...withoutMoney } = cdnowSpend;
    expect(spendCells('en', withoutMoney)).toEqual(['–', '–']);
    const noMedian: NumericDrift = { ...cdnowSpend, spendPerBuyer: { before: { meanMinor: 6883.47, medianMinor: null }, after: { meanMinor: null, medianMinor: null } } };
    expect(spendCells('en', noMedian)).toEqual(['US$68.83', '–']);
  });
});

describe('a drift row\'s means beside a stated move', () => {
  it('show enough decimals for the move the words state to be seen (not "3.3 → 3.3" beside "up 2%")', () => {
    const orders: DriftAttribute = { attribute: 'orders per customer', kind: 'numeric', unit: 'customers', before: { n: 500, mean: 3.27, variance: 9 }, after: { n: 520, mean: 3.34, variance: 9 }, cohensD: 0.02, magnitude: 'negligible' };
    const percent = formatIn('en').percent;
    expect(driftStatement(orders, tIn('en'), percent).text).toBe('Orders per customer up 2%');
    expect(cells('en', orders)).toEqual(['3.27', '3.34']);
    expect(cells('lv', orders)).toEqual(['3,27', '3,34']);
    // no move stated: one decimal
    const still: DriftAttribute = { ...orders, before: { n: 500, mean: 3.301, variance: 9 }, after: { n: 520, mean: 3.304, variance: 9 } };
    expect(cells('en', still)).toEqual(['3.3', '3.3']);
  });
});
