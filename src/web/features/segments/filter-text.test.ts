import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { addCondition, buildComparison, buildPurchase, filterProblemsOf, parseFilterText } from './filter-text.js';

describe('parseFilterText', () => {
  it('reads empty text as the filter that matches everyone', () => {
    expect(parseFilterText('  ')).toEqual({ status: 'ok', filter: { and: [] } });
  });

  it('says when the text is not JSON', () => {
    expect(parseFilterText('{"and": [').status).toBe('invalid-json');
  });
});

describe('addCondition', () => {
  const city = { field: 'city', op: 'eq', value: 'Jakarta' };
  it('appends to a top-level and', () => {
    expect(addCondition({ and: [{ field: 'age', op: 'gt', value: 30 }] }, city)).toEqual({ and: [{ field: 'age', op: 'gt', value: 30 }, city] });
  });

  it('wraps anything else in a new and', () => {
    expect(addCondition({ or: [] }, city)).toEqual({ and: [{ or: [] }, city] });
    expect(addCondition({ field: 'age', op: 'gt', value: 30 }, city)).toEqual({ and: [{ field: 'age', op: 'gt', value: 30 }, city] });
  });
});

describe('buildComparison', () => {
  it.each([
    ['a number', { field: 'age', type: 'number', op: 'gt', value: ' 30 ' }, { field: 'age', op: 'gt', value: 30 }],
    ['a range', { field: 'age', type: 'number', op: 'between', value: '25, 45' }, { field: 'age', op: 'between', value: [25, 45] }],
    ['a list of texts', { field: 'city', type: 'text', op: 'in', value: 'Jakarta, Bandung' }, { field: 'city', op: 'in', value: ['Jakarta', 'Bandung'] }],
    ['days ago for a date', { field: 'last_purchase_at', type: 'date', op: 'gte', value: '90' }, { field: 'last_purchase_at', op: 'gte', value: { days_ago: 90 } }],
    ['an ISO day for a date', { field: 'last_purchase_at', type: 'date', op: 'lt', value: '2026-01-31' }, { field: 'last_purchase_at', op: 'lt', value: '2026-01-31' }],
    ['a boolean', { field: 'consent_email', type: 'boolean', op: 'eq', value: 'true' }, { field: 'consent_email', op: 'eq', value: true }],
    ['unknown', { field: 'city', type: 'text', op: 'is_null', value: '' }, { field: 'city', op: 'is_null' }],
    ['known', { field: 'city', type: 'text', op: 'is_null', value: 'false' }, { field: 'city', op: 'is_null', value: false }],
  ] as const)('builds %s', (_name, input, expected) => {
    expect(buildComparison(input)).toEqual({ condition: expected });
  });

  it('refuses a number field without a number, and a range without two ends', () => {
    expect(buildComparison({ field: 'age', type: 'number', op: 'gt', value: 'old' })).toEqual({ errorKey: 'segments.builder.needsNumber' });
    expect(buildComparison({ field: 'age', type: 'number', op: 'between', value: '25' })).toEqual({ errorKey: 'segments.builder.needsTwo' });
  });
});

describe('buildPurchase', () => {
  it('builds "coffee twice in 90 days" and leaves "at least once" implicit', () => {
    expect(buildPurchase({ category: 'coffee', days: '90', atLeast: '2' })).toEqual({ condition: { purchased: { category: ['coffee'], within: { days: 90 }, count: { op: 'gte', value: 2 } } } });
    expect(buildPurchase({ category: '', days: '', atLeast: '1' })).toEqual({ condition: { purchased: {} } });
  });

  it('refuses a window that is not a whole number of days', () => {
    expect(buildPurchase({ category: 'tea', days: '1.5', atLeast: '' })).toEqual({ errorKey: 'segments.builder.needsWholeNumber' });
  });
});

describe('filterProblemsOf', () => {
  it('lists the problems an invalid filter came back with', () => {
    const error = new ApiError(400, 'SEGMENT_FILTER_INVALID', 'The filter is not valid.', 'filter.and[0].op', { problems: [{ path: 'filter.and[0].op', message: '"like" is not an operator' }] });
    expect(filterProblemsOf(error)).toEqual([{ path: 'filter.and[0].op', message: '"like" is not an operator' }]);
  });

  it('has nothing to say about other errors', () => {
    expect(filterProblemsOf(new ApiError(500, 'INTERNAL_ERROR', 'x'))).toEqual([]);
  });
});
