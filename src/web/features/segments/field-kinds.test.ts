import { describe, expect, it } from 'vitest';
import { customerTypesByPrecedence } from '../../../analytics/customer-types.js';
import { filterFields } from '../../../segments/filter-fields.js';
import { allowedOperators } from '../../../segments/filter-schema.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { builderOperatorsOf, choicesOf, defaultOperatorOf, fieldLabel, isMoneyField } from './field-kinds.js';

const english = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);

describe('fieldLabel', () => {
  it.each(locales)('has a label in %s for every field the server offers', (locale) => {
    const t = (key: string) => lookupMessage(messagesByLocale[locale], key);
    expect(Object.keys(filterFields).filter((name) => fieldLabel(t, name) === name)).toEqual([]);
  });

  it('falls back to the name for a field it does not know', () => {
    expect(fieldLabel(english, 'loyalty_points')).toBe('loyalty_points');
    expect(fieldLabel(english, 'revenue_minor')).toBe('Revenue');
  });
});

describe('isMoneyField', () => {
  it('knows every money field by its name', () => {
    expect(Object.keys(filterFields).filter(isMoneyField)).toEqual(['revenue_minor', 'refunded_minor', 'average_order_minor', 'expected_spend_minor', 'clv_minor']);
  });
});

describe('choicesOf', () => {
  it('offers every customer type, stored as its code and shown in words', () => {
    const choices = choicesOf(english, 'customer_types');
    expect(choices?.map((choice) => choice.value)).toEqual([...customerTypesByPrecedence]);
    expect(choices?.find((choice) => choice.value === 'at_risk')?.label).toBe('At risk');
  });

  it('has no choices for free text', () => {
    expect(choicesOf(english, 'city')).toBeNull();
  });
});

describe('builderOperatorsOf', () => {
  it('leaves out operators that make no sense for a code or an amount', () => {
    expect(builderOperatorsOf({ name: 'rfm_segment', operators: ['eq', 'neq', 'in', 'nin', 'contains', 'starts_with', 'is_null'] })).toEqual(['eq', 'neq', 'in', 'nin', 'contains', 'is_null']);
    expect(builderOperatorsOf({ name: 'revenue_minor', operators: ['eq', 'in', 'gte', 'between'] })).toEqual(['eq', 'gte', 'between']);
    expect(builderOperatorsOf({ name: 'city', operators: ['eq', 'starts_with'] })).toEqual(['eq', 'starts_with']);
  });
});

describe('defaultOperatorOf', () => {
  // each field as GET /api/segments/fields offers it, narrowed as the builder narrows it
  const startOf = (name: string) => {
    const { type } = filterFields[name];
    return defaultOperatorOf({ name, type }, builderOperatorsOf({ name, operators: [...allowedOperators[type]] }));
  };

  it.each([
    ['an amount', 'revenue_minor', 'gte'],
    ['a predicted amount', 'clv_minor', 'gte'],
    ['a count', 'order_count', 'gte'],
    ['a probability', 'p_alive', 'gte'],
    ['a date, as "in the last … days"', 'last_purchase_at', 'gte'],
    ['free text', 'city', 'eq'],
    ['one code of a few', 'churn_risk', 'eq'],
    ['a yes or no', 'consent_email', 'eq'],
    ['a list, as "includes"', 'customer_types', 'contains'],
    ['an identifier, as one exact number', 'customer_id', 'eq'],
  ])('starts %s (%s) on %s', (_kind, name, op) => {
    expect(startOf(name)).toBe(op);
  });

  it('falls back to the first operator offered when the kind\'s own is not', () => {
    expect(defaultOperatorOf({ name: 'score', type: 'number' }, ['eq', 'between'])).toBe('eq');
    expect(defaultOperatorOf({ name: 'score', type: 'number' }, [])).toBeUndefined();
  });
});
