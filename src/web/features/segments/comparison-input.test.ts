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

  it('reads a decimal the reader\'s way: a comma in Bahasa Indonesia and Latvian, a point in English', () => {
    const probability = { name: 'p_alive', type: 'number' } as const;
    const read = (text: string, tag: string) => buildComparison(comparisonInputOf(probability, 'gte', { ...emptyDraft, text }, '', { tag, minorPerMajor: 100 }));
    expect(read('0,8', 'id-ID')).toEqual({ condition: { field: 'p_alive', op: 'gte', value: 0.8 } });
    expect(read('0,75', 'lv-LV')).toEqual({ condition: { field: 'p_alive', op: 'gte', value: 0.75 } });
    expect(read('0.8', 'en-GB')).toEqual({ condition: { field: 'p_alive', op: 'gte', value: 0.8 } });
    // in Bahasa Indonesia the point groups thousands: "0.8" is not a number there, rather than 8 or 0.8
    expect(read('0.8', 'id-ID')).toEqual({ errorKey: 'segments.builder.needsNumber' });
    expect(read('1.250,5', 'id-ID')).toEqual({ condition: { field: 'p_alive', op: 'gte', value: 1250.5 } });
    const scores = buildComparison(comparisonInputOf({ name: 'r_score', type: 'number' }, 'in', { ...emptyDraft, text: '4, 5' }, '', { tag: 'id-ID', minorPerMajor: 1 }));
    expect(scores).toEqual({ condition: { field: 'r_score', op: 'in', value: [4, 5] } });
  });

  it('builds a range from its two boxes', () => {
    const draft = { ...emptyDraft, text: '50', upper: '250.5' };
    expect(buildComparison(comparisonInputOf({ name: 'clv_minor', type: 'number' }, 'between', draft, '', dollars))).toEqual({ condition: { field: 'clv_minor', op: 'between', value: [5000, 25050] } });
  });
});
