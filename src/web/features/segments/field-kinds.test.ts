import { describe, expect, it } from 'vitest';
import { customerTypesByPrecedence } from '../../../analytics/customer-types.js';
import { filterFields } from '../../../segments/filter-fields.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { builderOperatorsOf, choicesOf, fieldLabel, isMoneyField } from './field-kinds.js';

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
