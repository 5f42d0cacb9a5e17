import { describe, expect, it } from 'vitest';
import { filterFields } from '../../../segments/filter-fields.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeCondition, isDescribable, type DescribeContext } from './describe-condition.js';

const inEnglish: DescribeContext = {
  t: (key, variables) => lookupMessage(messagesByLocale.en, key, variables),
  locale: 'en',
  format: createFormatters('en-GB', 'USD', 'UTC'),
  typeOf: (field) => filterFields[field]?.type,
};
const inLatvian: DescribeContext = { ...inEnglish, locale: 'lv', t: (key, variables) => lookupMessage(messagesByLocale.lv, key, variables), format: createFormatters('lv-LV', 'EUR', 'UTC') };

describe('describeCondition', () => {
  it.each([
    ['a text', { field: 'city', op: 'eq', value: 'Riga' }, 'City is Riga'],
    ['money in major units of the store currency', { field: 'revenue_minor', op: 'gte', value: 10000 }, 'Revenue at least US$100.00'],
    ['a list type by its words', { field: 'customer_types', op: 'contains', value: 'vip' }, 'Customer types include VIP'],
    ['several codes', { field: 'primary_type', op: 'in', value: ['at_risk', 'lapsed'] }, 'Main customer type is one of At risk, Lapsed'],
    ['a consent', { field: 'consent_email', op: 'eq', value: true }, 'Agreed to email marketing: yes'],
    ['a count of days', { field: 'days_since_last_purchase', op: 'gt', value: 180 }, 'Days since last purchase more than 180'],
    ['a decimal as written', { field: 'p_alive', op: 'lt', value: 0.25 }, 'Chance still active less than 0.25'],
    ['a range', { field: 'age', op: 'between', value: [25, 45] }, 'Age between 25 and 45'],
    ['a recent date', { field: 'last_purchase_at', op: 'gt', value: { days_ago: 90 } }, 'Last purchase in the last 90 days'],
    ['a recent date, its first day included', { field: 'last_purchase_at', op: 'gte', value: { days_ago: 90 } }, 'Last purchase on the day 90 days ago or later'],
    ['an old date', { field: 'last_purchase_at', op: 'lt', value: { days_ago: 365 } }, 'Last purchase more than 365 days ago'],
    ['a calendar day', { field: 'first_purchase_at', op: 'lt', value: '2026-01-31' }, 'First purchase before 31 Jan 2026'],
    ['an unknown value', { field: 'city', op: 'is_null' }, 'City is unknown'],
    ['a known value', { field: 'city', op: 'is_null', value: false }, 'City is known'],
    ['a churn risk', { field: 'churn_risk', op: 'eq', value: 'high' }, 'Churn risk is High'],
    ['a field this app has no label for, by its name', { field: 'loyalty_points', op: 'gt', value: 10 }, 'loyalty_points more than 10'],
  ] as const)('says %s in words', (_name, condition, expected) => {
    expect(describeCondition(condition, inEnglish)).toEqual({ isSimple: true, text: expected });
  });

  it.each([
    ['coffee twice in 90 days', { purchased: { category: ['Coffee'], within: { days: 90 }, count: { op: 'gte', value: 2 } } }, 'Bought Coffee at least 2 times in the last 90 days'],
    ['anything at all', { purchased: {} }, 'Bought anything'],
    ['on a channel, once', { purchased: { category: 'Tea', channel: ['web', 'mobile'], count: { op: 'eq', value: 1 } } }, 'Bought Tea via the web or the mobile app exactly once'],
    ['for an amount', { purchased: { measure: 'amount_minor', count: { op: 'gte', value: 5000 } } }, 'Bought anything spending at least US$50.00'],
  ] as const)('says a purchase condition in words: %s', (_name, condition, expected) => {
    expect(describeCondition(condition, inEnglish)).toEqual({ isSimple: true, text: expected });
  });

  it('speaks the user\'s language and currency', () => {
    expect(describeCondition({ field: 'revenue_minor', op: 'gte', value: 10050 }, inLatvian).text).toBe('Ieņēmumi vismaz 100,50\u00a0€');
    expect(describeCondition({ field: 'customer_types', op: 'contains', value: 'loyal' }, inLatvian).text).toBe('Klientu tipi ietver Lojāls');
  });

  it('names a persona as the Personas page shows it, and one it does not know as written', () => {
    const personaName = (name: string) => (name === 'young low-spend small-basket, coffee' ? { text: 'Jauni, tērē maz, mazi pirkumi · “coffee”' } : null);
    const withPersonas: DescribeContext = { ...inLatvian, personaName };
    expect(describeCondition({ field: 'persona', op: 'eq', value: 'young low-spend small-basket, coffee' }, withPersonas).text).toBe('Persona ir Jauni, tērē maz, mazi pirkumi · “coffee”');
    expect(describeCondition({ field: 'persona', op: 'in', value: ['young low-spend small-basket, coffee', 'Office buyers'] }, withPersonas).text).toContain('Jauni, tērē maz, mazi pirkumi · “coffee”, Office buyers');
    // a city that happens to be spelled as a persona is a city
    expect(describeCondition({ field: 'city', op: 'eq', value: 'young low-spend small-basket, coffee' }, withPersonas).text).not.toContain('Jauni');
    expect(describeCondition({ field: 'persona', op: 'eq', value: 'young low-spend small-basket, coffee' }, inLatvian).text).toBe('Persona ir young low-spend small-basket, coffee');
  });

  it('says a whole income band in the reader\'s numbers, never Indonesian "M" (miliar) for millions, and a part of one as typed', () => {
    const inIndonesian: DescribeContext = { ...inEnglish, locale: 'id', t: (key, variables) => lookupMessage(messagesByLocale.id, key, variables), format: createFormatters('id-ID', 'IDR', 'UTC') };
    const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    const text = (condition: unknown, context: DescribeContext) => spaced(describeCondition(condition, context).text);
    expect(text({ field: 'income_band', op: 'eq', value: '5-10M' }, inIndonesian)).toBe('Kelompok pendapatan adalah 5 jt – 10 jt');
    expect(text({ field: 'income_band', op: 'in', value: ['<5M', '5-10M'] }, inIndonesian)).toBe('Kelompok pendapatan salah satu dari Di bawah 5 jt, 5 jt – 10 jt');
    expect(text({ field: 'income_band', op: 'neq', value: '5-10M' }, inLatvian)).toBe('Ienākumu grupa nav 5 milj. – 10 milj.');
    expect(text({ field: 'income_band', op: 'eq', value: '100k+' }, inEnglish)).toBe('Income band is 100k or more');
    expect(text({ field: 'income_band', op: 'eq', value: 'Rp 5-10 jt' }, inIndonesian)).toBe('Kelompok pendapatan adalah Rp 5-10 jt');
    expect(text({ field: 'income_band', op: 'starts_with', value: '<5' }, inEnglish)).toBe('Income band starts with <5');
  });

  it.each([
    ['1 day', { field: 'last_purchase_at', op: 'gt', value: { days_ago: 1 } }, 'Last purchase in the last 1 day', 'Pēdējais pirkums pēdējā 1 dienā'],
    ['21 days, its first day included', { field: 'last_purchase_at', op: 'gte', value: { days_ago: 21 } }, 'Last purchase on the day 21 days ago or later', 'Pēdējais pirkums pirms 21 dienas vai vēlāk'],
    ['21 days, one in Latvian', { field: 'last_purchase_at', op: 'lt', value: { days_ago: 21 } }, 'Last purchase more than 21 days ago', 'Pēdējais pirkums vairāk nekā pirms 21 dienas'],
    ['10 days', { field: 'last_purchase_at', op: 'lt', value: { days_ago: 10 } }, 'Last purchase more than 10 days ago', 'Pēdējais pirkums vairāk nekā pirms 10 dienām'],
    ['a day in a range', { field: 'last_purchase_at', op: 'between', value: [{ days_ago: 1 }, { days_ago: 0 }] }, 'Last purchase between 1 day ago and 0 days ago', 'Pēdējais pirkums starp pirms 1 dienas un pirms 0 dienām'],
    ['21 orders in 1 day', { purchased: { within: { days: 1 }, count: { op: 'gte', value: 21 } } }, 'Bought anything at least 21 times in the last 1 day', 'Pirka jebko vismaz 21 reizi pēdējā 1 dienā'],
  ] as const)('counts in the plural form the number takes: %s', (_name, condition, english, latvian) => {
    expect(describeCondition(condition, inEnglish).text).toBe(english);
    expect(describeCondition(condition, inLatvian).text).toBe(latvian);
  });

  it.each([
    ['a group holding a condition without words', { or: [{ field: 'city', op: 'eq', value: 'Riga' }, { interest: { kind: 'cart' } }] }],
    ['a not of a condition without words', { not: { interest: { kind: 'cart' } } }],
    ['an empty group inside another', { and: [{ or: [] }, { field: 'city', op: 'eq', value: 'Riga' }] }],
    ['an interest condition', { interest: { kind: 'cart' } }],
    ['an operator the server does not know', { field: 'city', op: 'like', value: 'R%' }],
    ['a purchase with a part the words do not cover', { purchased: { category: 'Tea', basket: 'big' } }],
    ['a value of the wrong shape', { field: 'age', op: 'between', value: [25] }],
  ] as const)('shows %s as compact JSON instead of guessing', (_name, condition) => {
    expect(describeCondition(condition, inEnglish)).toEqual({ isSimple: false, text: JSON.stringify(condition) });
  });
});

describe('isDescribable', () => {
  it('is true only when every condition has words', () => {
    expect(isDescribable([{ field: 'city', op: 'eq', value: 'Riga' }, { purchased: {} }], inEnglish)).toBe(true);
    expect(isDescribable([{ field: 'city', op: 'eq', value: 'Riga' }, { not: { interest: {} } }], inEnglish)).toBe(false);
  });
});

describe('describeCondition of groups', () => {
  const inIndonesian: DescribeContext = { ...inEnglish, locale: 'id', t: (key, variables) => lookupMessage(messagesByLocale.id, key, variables), format: createFormatters('id-ID', 'IDR', 'UTC') };
  const eitherConsent = { or: [{ field: 'consent_email', op: 'eq', value: true }, { field: 'consent_sms', op: 'eq', value: true }] };

  it('says a nested or in words in the reader\'s language, not as JSON with field names', () => {
    const english = describeCondition(eitherConsent, inEnglish);
    expect(english).toEqual({ isSimple: true, isGroup: true, text: 'Agreed to email marketing: yes or Agreed to SMS marketing: yes' });
    const indonesian = describeCondition(eitherConsent, inIndonesian).text;
    expect(indonesian).not.toContain('consent_');
    expect(indonesian).toContain(' atau ');
    expect(describeCondition(eitherConsent, inLatvian).text).toContain(' vai ');
  });

  it('brackets a group inside a group, and says a not', () => {
    const condition = { and: [{ field: 'city', op: 'eq', value: 'Riga' }, eitherConsent, { not: { purchased: {} } }] };
    expect(describeCondition(condition, inEnglish).text).toBe(
      'City is Riga and (Agreed to email marketing: yes or Agreed to SMS marketing: yes) and (Does not match: Bought anything)',
    );
    expect(describeCondition({ not: eitherConsent }, inEnglish).text).toBe('Does not match: (Agreed to email marketing: yes or Agreed to SMS marketing: yes)');
    expect(describeCondition({ not: { field: 'city', op: 'eq', value: 'Riga' } }, inLatvian).text).toMatch(/^Neatbilst: /);
    expect(isDescribable([{ field: 'city', op: 'eq', value: 'Riga' }, eitherConsent], inEnglish)).toBe(true);
  });
});
