import { describe, expect, it } from 'vitest';
import { comparisonInputOf, emptyDraft, valueKindOf } from './comparison-input.js';
import { buildComparison } from './filter-text.js';

const dollars = { tag: 'en-GB', minorPerMajor: 100 };

describe('valueKindOf', () => {
  it.each([
    ['is_null on anything', { name: 'city', type: 'text' }, 'is_null', 'known'],
    ['a consent', { name: 'consent_email', type: 'boolean' }, 'eq', 'yes-no'],
    ['a range of amounts', { name: 'revenue_minor', type: 'number' }, 'between', 'range'],
    ['one customer type', { name: 'customer_types', type: 'text_list' }, 'contains', 'choice'],
    ['several RFM segments', { name: 'rfm_segment', type: 'text' }, 'in', 'choices'],
    ['a city', { name: 'city', type: 'text' }, 'in', 'text'],
  ] as const)('asks for %s with a %s', (_name, field, op, kind) => {
    expect(valueKindOf(field, op)).toBe(kind);
  });
});

describe('comparisonInputOf', () => {
  it('takes the first choice when the user left the select as it was', () => {
    expect(buildComparison(comparisonInputOf({ name: 'churn_risk', type: 'text' }, 'eq', emptyDraft, 'low', dollars))).toEqual({ condition: { field: 'churn_risk', op: 'eq', value: 'low' } });
  });

  it('stores ticked codes, not their words', () => {
    const draft = { ...emptyDraft, picked: ['vip', 'loyal'] };
    expect(buildComparison(comparisonInputOf({ name: 'customer_types', type: 'text_list' }, 'in', draft, 'at_risk', dollars))).toEqual({ condition: { field: 'customer_types', op: 'in', value: ['vip', 'loyal'] } });
  });

  it('reads a money field as an amount and a count as a plain number', () => {
    const draft = { ...emptyDraft, text: '1,000.25' };
    expect(buildComparison(comparisonInputOf({ name: 'revenue_minor', type: 'number' }, 'gte', draft, '', dollars))).toEqual({ condition: { field: 'revenue_minor', op: 'gte', value: 100025 } });
    expect(buildComparison(comparisonInputOf({ name: 'order_count', type: 'number' }, 'gte', { ...emptyDraft, text: '3' }, '', dollars))).toEqual({ condition: { field: 'order_count', op: 'gte', value: 3 } });
  });

  it('builds a range from its two boxes', () => {
    const draft = { ...emptyDraft, text: '50', upper: '250.5' };
    expect(buildComparison(comparisonInputOf({ name: 'clv_minor', type: 'number' }, 'between', draft, '', dollars))).toEqual({ condition: { field: 'clv_minor', op: 'between', value: [5000, 25050] } });
  });
});
