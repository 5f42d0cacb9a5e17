import { describe, expect, it } from 'vitest';
import { filterFields } from '../../../segments/filter-fields.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeCondition, isDescribable, type DescribeContext } from './describe-condition.js';

const inEnglish: DescribeContext = {
  t: (key, variables) => lookupMessage(messagesByLocale.en, key, variables),
  format: createFormatters('en-GB', 'USD', 'UTC'),
  typeOf: (field) => filterFields[field]?.type,
};
const inLatvian: DescribeContext = { ...inEnglish, t: (key, variables) => lookupMessage(messagesByLocale.lv, key, variables), format: createFormatters('lv-LV', 'EUR', 'UTC') };

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
    ['a recent date', { field: 'last_purchase_at', op: 'gte', value: { days_ago: 90 } }, 'Last purchase in the last 90 days'],
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
    ['on a channel, once', { purchased: { category: 'Tea', channel: ['web', 'mobile'], count: { op: 'eq', value: 1 } } }, 'Bought Tea via Web or Mobile app exactly once'],
    ['for an amount', { purchased: { measure: 'amount_minor', count: { op: 'gte', value: 5000 } } }, 'Bought anything spending at least US$50.00'],
  ] as const)('says a purchase condition in words: %s', (_name, condition, expected) => {
    expect(describeCondition(condition, inEnglish)).toEqual({ isSimple: true, text: expected });
  });

  it('speaks the user\'s language and currency', () => {
    expect(describeCondition({ field: 'revenue_minor', op: 'gte', value: 10050 }, inLatvian).text).toBe('Ieņēmumi vismaz 100,50\u00a0€');
    expect(describeCondition({ field: 'customer_types', op: 'contains', value: 'loyal' }, inLatvian).text).toBe('Klientu tipi ietver Lojāls');
  });

  it.each([
    ['a nested group', { or: [{ field: 'city', op: 'eq', value: 'Riga' }] }],
    ['a not', { not: { field: 'city', op: 'eq', value: 'Riga' } }],
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
    expect(isDescribable([{ field: 'city', op: 'eq', value: 'Riga' }, { not: { purchased: {} } }], inEnglish)).toBe(false);
  });
});
