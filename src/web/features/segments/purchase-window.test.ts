import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterFields } from '../../../segments/filter-fields.js';
import { checkFilter } from '../../../segments/filter-schema.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { DescribeContext } from './describe-condition.js';
import { describePurchase } from './describe-purchase.js';
import { buildPurchase } from './filter-text.js';
import { emptyWindowForm, windowFormOf, windowOfForm, type WindowForm } from './purchase-window.js';

const contextIn = (locale: Locale): DescribeContext => ({
  t: (key, variables) => lookupMessage(messagesByLocale[locale], key, variables),
  locale,
  format: createFormatters(locale === 'en' ? 'en-GB' : locale === 'lv' ? 'lv-LV' : 'id-ID', 'USD', 'UTC'),
  typeOf: (field) => filterFields[field]?.type,
});
const range = (from: string, last: string): WindowForm => ({ ...emptyWindowForm, mode: 'range', from, last });
const dayMs = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
// days from 1990 to 2060, leap days and year ends among them
const anyDay = fc.integer({ min: Date.UTC(1990, 0, 1) / dayMs, max: Date.UTC(2060, 11, 31) / dayMs }).map((day) => isoDay(day * dayMs));

describe('a fixed window from the form', () => {
  // the 12.12 group: "bought Kopi between 12 Dec and 13 Dec 2025", both days included
  it('writes the day after the last day picked as `to`, which the words read back as that last day', () => {
    const built = buildPurchase({ category: 'Kopi', days: '', atLeast: '1', window: 'range', from: '2025-12-12', last: '2025-12-13' });
    expect(built).toEqual({ condition: { purchased: { category: ['Kopi'], within: { from: '2025-12-12', to: '2025-12-14' } } } });
    if (!('condition' in built)) throw new Error('not built');
    expect(checkFilter(built.condition).problems).toEqual([]);
    const { purchased } = built.condition as { purchased: unknown };
    expect(describePurchase(purchased, contextIn('en'))).toBe('Bought Kopi from 12 Dec 2025 to 13 Dec 2025 inclusive');
    expect(describePurchase(purchased, contextIn('id'))).toContain('13 Des 2025');
    expect(describePurchase(purchased, contextIn('lv'))).toBe('Pirka Kopi no 2025. gada 12. dec. līdz 2025. gada 13. dec. ieskaitot');
  });

  it('makes one day of a range whose first and last day are the same', () => {
    expect(windowOfForm(range('2025-12-12', '2025-12-12'))).toEqual({ within: { from: '2025-12-12', to: '2025-12-13' } });
    expect(describePurchase({ within: { from: '2025-12-12', to: '2025-12-13' } }, contextIn('en'))).toBe('Bought anything on 12 Dec 2025');
  });

  it('goes past the end of a month, a year and a leap February', () => {
    expect(windowOfForm(range('2025-12-30', '2025-12-31'))).toEqual({ within: { from: '2025-12-30', to: '2026-01-01' } });
    expect(windowOfForm(range('2028-02-01', '2028-02-28'))).toEqual({ within: { from: '2028-02-01', to: '2028-02-29' } });
    expect(windowOfForm(range('2027-02-01', '2027-02-28'))).toEqual({ within: { from: '2027-02-01', to: '2027-03-01' } });
  });

  it('keeps "any time" and "the last N days" as they were', () => {
    expect(windowOfForm({ ...emptyWindowForm, mode: 'any', from: '2025-12-12' })).toEqual({});
    expect(windowOfForm({ ...emptyWindowForm, days: '30' })).toEqual({ within: { days: 30 } });
    expect(windowOfForm({ ...emptyWindowForm, days: ' ' })).toEqual({});
    expect(windowOfForm({ ...emptyWindowForm, days: '1.5' })).toEqual({ errorKey: 'segments.builder.needsWholeNumber', fields: ['days'] });
  });
});

describe('the range is checked before it is added', () => {
  it.each([
    ['', '2025-12-13', ['from']],
    ['2025-12-12', '', ['last']],
    ['', '', ['from', 'last']],
    ['2025-02-30', '2025-03-01', ['from']],
    ['2025-12-12', '13/12/2025', ['last']],
  ])('asks for both days (%s to %s)', (from, last, fields) => {
    expect(windowOfForm(range(from, last))).toEqual({ errorKey: 'segments.builder.needsBothDates', fields });
  });

  it('refuses a first day after the last, naming both fields', () => {
    expect(windowOfForm(range('2025-12-14', '2025-12-13'))).toEqual({ errorKey: 'segments.builder.needsDateOrder', fields: ['from', 'last'] });
    expect(buildPurchase({ category: 'Kopi', days: '90', atLeast: '1', window: 'range', from: '2025-12-14', last: '2025-12-13' })).toEqual({ errorKey: 'segments.builder.needsDateOrder' });
  });

  it.each(locales)('says what is wrong in %s', (locale) => {
    for (const key of ['segments.builder.needsBothDates', 'segments.builder.needsDateOrder']) {
      const text = lookupMessage(messagesByLocale[locale], key);
      expect(text).not.toBe(key);
      expect(text.trim()).not.toBe('');
    }
    if (locale !== 'en') expect(lookupMessage(messagesByLocale[locale], 'segments.builder.needsDateOrder')).not.toBe(lookupMessage(messagesByLocale.en, 'segments.builder.needsDateOrder'));
  });
});

describe('a window back in the form', () => {
  // written in the JSON editor: `to` is the day after the last day held
  it('shows the day before `to` as the last day', () => {
    expect(windowFormOf({ from: '2025-12-12', to: '2025-12-14' })).toEqual({ mode: 'range', days: '', from: '2025-12-12', last: '2025-12-13' });
    expect(windowFormOf({ to: '2026-03-01', from: '2026-02-01' })).toEqual({ mode: 'range', days: '', from: '2026-02-01', last: '2026-02-28' });
    expect(windowFormOf({ days: 30 })).toMatchObject({ mode: 'days', days: '30' });
    expect(windowFormOf(undefined)).toMatchObject({ mode: 'any' });
  });

  it.each([
    [{ from: { days_ago: 30 }, to: { days_ahead: 7 } }],
    [{ from: '2025-12-12' }],
    [{ from: '2025-12-12T10:00:00+07:00', to: '2025-12-14' }],
    [{ from: '2025-12-12', to: '2025-12-12' }],
    [{ from: '2025-12-13', to: '2025-12-12' }],
    [{ from: '2025-12-12', to: '2025-12-14', extra: 1 }],
    [{ days: 0 }],
    ['90'],
  ])('leaves %j to the JSON editor, which alone can say it', (within) => {
    expect(windowFormOf(within)).toBeNull();
  });

  it('gives back the same window, and the same days, for every range', () => {
    fc.assert(fc.property(anyDay, fc.integer({ min: 1, max: 800 }), (from, length) => {
      const within = { from, to: isoDay(Date.parse(`${from}T00:00:00Z`) + length * dayMs) };
      const form = windowFormOf(within);
      expect(form).not.toBeNull();
      expect(windowOfForm(form!)).toEqual({ within });
      expect(windowFormOf((windowOfForm(form!) as { within: unknown }).within)).toEqual(form);
    }));
  });
});
