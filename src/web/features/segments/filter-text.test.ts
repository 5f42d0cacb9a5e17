import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { buildComparison, buildPurchase, filterProblemsOf, parseFilterText } from './filter-text.js';

describe('parseFilterText', () => {
  it('reads empty text as the filter that matches everyone', () => {
    expect(parseFilterText('  ')).toEqual({ status: 'ok', filter: { and: [] } });
  });

  it('says when the text is not JSON, and where it breaks', () => {
    expect(parseFilterText('{"and": [').status).toBe('invalid-json');
    expect(parseFilterText('{"and": [\n  {"field": "city",}\n]}')).toMatchObject({ status: 'invalid-json', place: { line: 2, column: 20, character: '}' } });
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

  it('builds from parts already apart: the ends of a range, ticked choices', () => {
    expect(buildComparison({ field: 'age', type: 'number', op: 'between', value: ['25', '45'] })).toEqual({ condition: { field: 'age', op: 'between', value: [25, 45] } });
    expect(buildComparison({ field: 'customer_types', type: 'text_list', op: 'in', value: ['vip', 'loyal'] })).toEqual({ condition: { field: 'customer_types', op: 'in', value: ['vip', 'loyal'] } });
    expect(buildComparison({ field: 'customer_types', type: 'text_list', op: 'in', value: [] })).toEqual({ errorKey: 'segments.builder.needsChoice' });
  });

  it.each([
    ['100 dollars in English', '100', { tag: 'en-GB', minorPerMajor: 100 }, 10000],
    ['cents after a decimal point', '100.50', { tag: 'en-GB', minorPerMajor: 100 }, 10050],
    ['grouping in English', '1,250.5', { tag: 'en-GB', minorPerMajor: 100 }, 125050],
    ['a decimal comma in Latvian', '100,50', { tag: 'lv-LV', minorPerMajor: 100 }, 10050],
    ['rupiah grouped with dots in Indonesian', '150.000', { tag: 'id-ID', minorPerMajor: 1 }, 150000],
  ] as const)('stores an amount as minor units: %s', (_name, typed, amountFormat, minor) => {
    expect(buildComparison({ field: 'revenue_minor', type: 'number', op: 'gte', value: typed, amountFormat })).toEqual({ condition: { field: 'revenue_minor', op: 'gte', value: minor } });
  });

  it('stores both ends of an amount range in minor units', () => {
    const amountFormat = { tag: 'lv-LV', minorPerMajor: 100 };
    expect(buildComparison({ field: 'clv_minor', type: 'number', op: 'between', value: ['10,5', '200'], amountFormat })).toEqual({ condition: { field: 'clv_minor', op: 'between', value: [1050, 20000] } });
  });

  it('refuses an amount the locale cannot read, rather than guessing its scale', () => {
    expect(buildComparison({ field: 'revenue_minor', type: 'number', op: 'gte', value: '100,5', amountFormat: { tag: 'en-GB', minorPerMajor: 100 } })).toEqual({ errorKey: 'segments.builder.needsAmount' });
    expect(buildComparison({ field: 'revenue_minor', type: 'number', op: 'gte', value: '100.5', amountFormat: { tag: 'en-GB', minorPerMajor: 1 } })).toEqual({ errorKey: 'segments.builder.needsAmount' });
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

  it('adds the chosen channel', () => {
    expect(buildPurchase({ category: 'tea', channel: 'web', days: '30', atLeast: '1' })).toEqual({ condition: { purchased: { category: ['tea'], channel: ['web'], within: { days: 30 } } } });
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

  it('keeps the kind and values of each problem, for the sentence in the user\'s language', () => {
    const problem = { path: 'filter.op', message: '"like" is not an operator', kind: 'unknown_operator', params: { op: 'like', field: 'city', allowed: ['eq'] } };
    expect(filterProblemsOf(new ApiError(400, 'SEGMENT_FILTER_INVALID', 'The filter is not valid.', 'filter.op', { problems: [problem] }))).toEqual([problem]);
  });

  it('has nothing to say about other errors', () => {
    expect(filterProblemsOf(new ApiError(500, 'INTERNAL_ERROR', 'x'))).toEqual([]);
  });
});
