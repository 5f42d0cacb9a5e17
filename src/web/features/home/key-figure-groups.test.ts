import { describe, expect, it } from 'vitest';
import type { StoreSummary } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { groupKeyFigures, keyFigureTexts, signedNumber, totalsCaption } from './key-figure-groups.js';
import { describePeriod } from './period-text.js';

// As GET /api/reports/summary?days=7 answered on the demo store at 14:18 in Jakarta on 3 December 2026 (the review's screenshot).
const live: StoreSummary = {
  asOf: '2026-12-03T07:18:00.000Z', currency: 'IDR', hasPrices: true, from: '2026-11-27', to: '2026-12-04', previousFrom: '2026-11-20', previousTo: '2026-11-27', comparison: 'same-time',
  currentPeriod: { from: '2026-11-26T17:00:00.000Z', to: '2026-12-03T07:18:00.000Z' }, previousPeriod: { from: '2026-11-19T17:00:00.000Z', to: '2026-11-26T07:18:00.000Z' },
  current: { revenueMinor: 79_468_400, orders: 163, realCustomers: 1198, activeCustomers: 142, newCustomers: 10, leads: 448, repeatPurchaseRate: 0.874 },
  previous: { revenueMinor: 78_828_500, orders: 143, realCustomers: 1188, activeCustomers: 122, newCustomers: 9, leads: 451, repeatPurchaseRate: 0.872 },
  change: { revenueMinor: 0.008119, orders: 0.13986, realCustomers: 0.008418, activeCustomers: 0.163934, newCustomers: 0.111111, leads: -0.006652, repeatPurchaseRate: 0.002294 },
};

// A data set reported as of its end (CDNOW): whole days, against the 30 before.
const dataSet: StoreSummary = {
  ...live, asOf: '1998-06-30T23:59:59.999-04:00', from: '1998-06-01', to: '1998-07-01', previousFrom: '1998-05-02', previousTo: '1998-06-01', comparison: 'whole-days',
  currentPeriod: { from: '1998-06-01T04:00:00.000Z', to: '1998-07-01T04:00:00.000Z' }, previousPeriod: { from: '1998-05-02T04:00:00.000Z', to: '1998-06-01T04:00:00.000Z' },
};

const contextOf = (locale: Locale) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  locale, format: createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta'),
});

const textsOf = (summary: StoreSummary, locale: Locale) => {
  const groups = groupKeyFigures(summary);
  const period = describePeriod(summary);
  const texts = (figures: typeof groups.period) => Object.fromEntries(figures.map((figure) => [figure.key, keyFigureTexts(figure, period, contextOf(locale))]));
  return { period: texts(groups.period), totals: texts(groups.totals) };
};

describe('groupKeyFigures', () => {
  it('puts what happened in the period apart from the store totals as they stand at its end', () => {
    const groups = groupKeyFigures(live);
    expect(groups.period.map((figure) => figure.key)).toEqual(['revenueMinor', 'orders', 'activeCustomers', 'newCustomers']);
    expect(groups.totals.map((figure) => figure.key)).toEqual(['realCustomers', 'leads', 'repeatPurchaseRate']);
  });

  it('compares a period figure by the server\'s change ratio, and a total by the difference between the total now and then', () => {
    const { period, totals } = groupKeyFigures(live);
    expect(period.find((figure) => figure.key === 'orders')).toMatchObject({ trend: 'up', change: { kind: 'ratio', ratio: 0.13986 } });
    expect(totals.find((figure) => figure.key === 'realCustomers')).toMatchObject({ current: 1198, previous: 1188, change: { kind: 'difference', difference: 10 } });
    expect(totals.find((figure) => figure.key === 'leads')).toMatchObject({ trend: 'down', change: { kind: 'difference', difference: -3 } });
    expect(totals.find((figure) => figure.key === 'repeatPurchaseRate')?.change).toEqual({ kind: 'points', points: expect.closeTo(0.2, 9) });
  });

  it('works the ratio out itself when the server sends none, and gives none over a previous 0', () => {
    const { period } = groupKeyFigures({ ...live, change: {}, previous: { ...live.previous, newCustomers: 0, orders: 100 } });
    expect(period.find((figure) => figure.key === 'orders')?.change).toEqual({ kind: 'ratio', ratio: 0.63 });
    expect(period.find((figure) => figure.key === 'newCustomers')?.change).toEqual({ kind: 'ratio', ratio: null });
  });
});

describe('keyFigureTexts', () => {
  it('keeps a period figure\'s change against the previous period', () => {
    const { period } = textsOf(live, 'en');
    expect(period.orders).toEqual({ label: 'Orders', value: '163', comparison: '+14% vs previous period', trend: 'up', previous: 'Previous period: 143' });
  });

  it('writes every change with its sign, one rule in every language: +, − (never a hyphen), ± for what rounds to 0', () => {
    const falling = { ...live, change: { ...live.change, revenueMinor: -0.086, orders: 0.0004 } };
    expect(textsOf(falling, 'en').period.revenueMinor.comparison).toBe('−8.6% vs previous period');
    expect(textsOf(falling, 'en').period.orders.comparison).toBe('±0% vs previous period');
    expect(textsOf(falling, 'id').period.revenueMinor.comparison).toBe('−8,6% dibanding periode sebelumnya');
    expect(textsOf(falling, 'lv').period.activeCustomers.comparison).toBe('+16,4% pret iepriekšējo periodu');
    expect(textsOf(falling, 'lv').totals.realCustomers.comparison).toMatch(/^\+10, /);
  });

  it('says a figure that is 0 in both periods was none in either, not a 0% change (CDNOW: no new customers after its first quarter)', () => {
    const none = { ...dataSet, current: { ...dataSet.current, newCustomers: 0 }, previous: { ...dataSet.previous, newCustomers: 0 }, change: { ...dataSet.change, newCustomers: 0 } };
    expect(textsOf(none, 'en').period.newCustomers).toMatchObject({ value: '0', comparison: 'none in either period', previous: 'Previous period: 0' });
    expect(textsOf(none, 'lv').period.newCustomers.comparison).toBe('nebija nevienā no periodiem');
  });

  it('says the revenue of a store whose orders carry no prices (Groceries) is not recorded, not €0.00 or "none in either period"', () => {
    // as the server sends it: revenue null in both periods, and its change null
    const unpriced = { ...dataSet, hasPrices: false, current: { ...dataSet.current, revenueMinor: null }, previous: { ...dataSet.previous, revenueMinor: null }, change: { ...dataSet.change, revenueMinor: null } };
    const texts = textsOf(unpriced, 'en').period;
    expect(texts.revenueMinor).toEqual({ label: 'Revenue', value: 'No prices recorded', comparison: '', trend: 'flat', previous: '' });
    expect(textsOf(unpriced, 'lv').period.revenueMinor.value).toBe('Cenas nav reģistrētas');
    // the counts beside it are as they were
    expect(texts.orders).toMatchObject({ value: '163', comparison: '+14% vs previous period' });
    // a priced store's period without sales is still 0 in its money
    const quiet = { ...dataSet, current: { ...dataSet.current, revenueMinor: 0 }, previous: { ...dataSet.previous, revenueMinor: 0 }, change: { ...dataSet.change, revenueMinor: null } };
    expect(textsOf(quiet, 'en').period.revenueMinor).toMatchObject({ value: 'IDR\u00a00', comparison: 'none in either period' });
  });

  it('reads a null revenue as not recorded whatever hasPrices says, never as 0 or a fall', () => {
    const unrecorded = { ...dataSet, current: { ...dataSet.current, revenueMinor: null } };
    expect(textsOf(unrecorded, 'en').period.revenueMinor).toMatchObject({ value: 'No prices recorded', trend: 'flat' });
  });

  it('shows no repeat-purchase rate for a store without real customers, where 0% would be a measurement', () => {
    const zeros = { realCustomers: 0, leads: 0, newCustomers: 0, activeCustomers: 0, repeatPurchaseRate: 0, revenueMinor: 0, orders: 0 };
    const empty = { ...live, current: zeros, previous: zeros, change: { realCustomers: 0, leads: 0, newCustomers: 0, activeCustomers: 0, repeatPurchaseRate: 0, revenueMinor: 0, orders: 0 } };
    const texts = textsOf(empty, 'en');
    expect(texts.totals.repeatPurchaseRate).toMatchObject({ value: '–', comparison: 'not yet: no real customers', previous: '7 days ago: –' });
    for (const figure of Object.values(texts.period)) expect(figure.comparison).toBe('none in either period');
    // the first customers arrived this week: a rate now, none to compare it with
    const firstWeek = { ...live, previous: { ...live.previous, realCustomers: 0, repeatPurchaseRate: 0 } };
    expect(textsOf(firstWeek, 'en').totals.repeatPurchaseRate).toMatchObject({ value: '87.4%', comparison: '', previous: '7 days ago: –' });
  });

  it('says a live store\'s totals against their own totals N days ago, without a growth rate or an arrow', () => {
    const { totals } = textsOf(live, 'en');
    expect(totals.realCustomers).toEqual({ label: 'Real customers', value: '1,198', comparison: '+10 since 7 days ago', trend: 'flat', previous: '7 days ago: 1,188' });
    expect(totals.leads).toMatchObject({ comparison: '−3 since 7 days ago', previous: '7 days ago: 451' });
    expect(totals.repeatPurchaseRate).toMatchObject({ value: '87.4%', comparison: '+0.2 points since 7 days ago', previous: '7 days ago: 87.2%' });
  });

  it('says a data set\'s totals against their totals at the end of the previous period', () => {
    const { totals } = textsOf(dataSet, 'en');
    expect(totals.realCustomers).toMatchObject({ comparison: '+10 since the end of 31 May 1998', previous: 'End of 31 May 1998: 1,188' });
  });

  it('words the days in each language\'s plural form', () => {
    expect(textsOf(live, 'lv').totals.realCustomers).toMatchObject({ comparison: '+10, salīdzinot ar stāvokli pirms 7 dienām', previous: 'Pirms 7 dienām: 1188' });
    const oneDay = { ...live, from: '2026-12-03', previousFrom: '2026-12-02', previousTo: '2026-12-03' };
    expect(textsOf(oneDay, 'en').totals.leads).toMatchObject({ comparison: '−3 since 1 day ago', previous: '1 day ago: 451' });
    expect(textsOf(oneDay, 'lv').totals.leads).toMatchObject({ comparison: '−3, salīdzinot ar stāvokli pirms 1 dienas', previous: 'Pirms 1 dienas: 451' });
  });
});

describe('totalsCaption', () => {
  it('says the totals are the whole store now, compared total with total', () => {
    const context = contextOf('en');
    expect(totalsCaption(describePeriod(live), context)).toBe(
      `The whole store as of now (${context.format.dateTime(live.asOf)}), whichever period is chosen; each total is compared with the store's own total 7 days earlier (${context.format.dateTime(live.previousPeriod!.to)}).`);
    expect(totalsCaption(describePeriod(dataSet), context)).toBe('The whole store at the end of 30 Jun 1998, whichever period is chosen; each total is compared with the store\'s own total at the end of 31 May 1998.');
  });
});

describe('signedNumber', () => {
  it.each([[12, '+12'], [-3, '−3'], [0, '±0'], [1234, '+1,234']])('writes %d as %s', (value, text) => {
    expect(signedNumber(value, createFormatters('en-GB', null, 'UTC'))).toBe(text);
  });

  it('writes a difference that rounds to nothing as ±0', () => {
    expect(signedNumber(-0.04, createFormatters('en-GB', null, 'UTC'), 1)).toBe('±0.0');
  });
});
