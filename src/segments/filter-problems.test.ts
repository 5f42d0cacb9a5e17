import { describe, expect, it } from 'vitest';
import { filterProblemKinds } from './filter-problems.js';
import { checkFilter } from './filter-schema.js';

const problemsOf = (filter: unknown) => checkFilter(filter).problems;
const deeplyNested = (levels: number) => {
  let filter: unknown = { field: 'age', op: 'gt', value: 1 };
  for (let level = 0; level < levels; level++) filter = { not: filter };
  return filter;
};

// One bad filter per kind: the first problem's path, kind and the values a client words it with.
const cases: Array<[unknown, string, string, Record<string, unknown>]> = [
  [{ field: 'agee', op: 'gt', value: 3 }, 'filter.field', 'unknown_field', { field: 'agee', suggestion: 'age' }],
  [{ field: 'colour', op: 'eq', value: 'red' }, 'filter.field', 'unknown_field', { field: 'colour' }],
  [{ field: 'city', op: 'like', value: 'J%' }, 'filter.op', 'unknown_operator', { op: 'like', field: 'city', allowed: ['eq', 'neq', 'in', 'nin', 'contains', 'starts_with', 'is_null'] }],
  [{ field: 'age', op: 'contains', value: '3' }, 'filter.op', 'operator_not_allowed', { op: 'contains', field: 'age', fieldType: 'number', allowed: expect.arrayContaining(['gt', 'between']) }],
  [{ field: 'age', op: 'gt' }, 'filter.value', 'value_missing', { op: 'gt' }],
  [{ field: 'age', op: 'between', value: [40, 20] }, 'filter.value', 'range_reversed', { low: 40, high: 20 }],
  [{ purchased: { within: { from: '2026-11-01', to: '2026-11-01' } } }, 'filter.purchased.within', 'window_empty', { from: '"2026-11-01"', to: '"2026-11-01"' }],
  [{ or: Array.from({ length: 100 }, () => ({ and: [{ field: 'age', op: 'gt', value: 1 }, { field: 'age', op: 'gt', value: 1 }, { field: 'age', op: 'gt', value: 1 }] })) }, 'filter.or[74].and[2]', 'too_many_conditions', { maximum: 300 }],
  [deeplyNested(20), `filter${'.not'.repeat(13)}`, 'too_deep', { maximum: 12 }],
  [{ or: ['city = x'] }, 'filter.or[0]', 'condition_expected', { received: 'string' }],
  [{ and: [], or: [] }, 'filter', 'key_not_alone', { key: 'and' }],
  [{ and: 'x' }, 'filter.and', 'condition_list_expected', { maximum: 100 }],
  [{ select: 'customer_id' }, 'filter', 'unknown_condition', { keys: ['select'] }],
  [{ field: 'age', op: 'gt', value: 'thirty' }, 'filter.value', 'type_mismatch', { expected: 'number', received: 'string' }],
  [{ field: 'city', op: 'eq', value: null }, 'filter.value', 'type_mismatch', { expected: 'string', received: 'null' }],
  [{ field: 'city' }, 'filter.op', 'key_missing', { key: 'op', expected: 'string' }],
  [{ field: 'city', op: 'in', value: [] }, 'filter.value', 'too_small', { origin: 'array', minimum: 1 }],
  [{ purchased: { within: { days: 0 } } }, 'filter.purchased.within.days', 'too_small', { origin: 'number', minimum: 1 }],
  [{ field: 'city', op: 'eq', value: 'x'.repeat(201) }, 'filter.value', 'too_big', { origin: 'string', maximum: 200 }],
  [{ field: 'city', op: 'eq', value: 'x', extra: 1 }, 'filter', 'unknown_keys', { keys: ['extra'] }],
  [{ purchased: { measure: 'weight' } }, 'filter.purchased.measure', 'not_one_of', { allowed: ['orders', 'quantity', 'amount_minor'] }],
  [{ interest: { kind: 5 } }, 'filter.interest.kind', 'text_or_list_expected', {}],
  [{ field: 'last_purchase_at', op: 'gte', value: { weeks: 3 } }, 'filter.value', 'date_expected', {}],
  [{ field: 'last_purchase_at', op: 'gte', value: '31/01/2026' }, 'filter.value', 'real_day_expected', { earliest: '1970-01-01', latest: '2100-12-31' }],
  [{ purchased: { count: { op: 'gte', value: 1.5 } } }, 'filter.purchased.count.value', 'count_expected', {}],
  [{ purchased: { count: { op: 'between', value: 2 } } }, 'filter.purchased.count', 'between_pair_expected', {}],
  [{ purchased: { within: { weeks: 2 } } }, 'filter.purchased.within', 'time_window_expected', {}],
];

describe('the problems of an invalid filter', () => {
  // named by kind and path: some filters are too long to print
  it.each(cases.map(([filter, path, kind, params]) => [kind, path, filter, params] as const))('reports %s at %s with the values it names', (kind, path, filter, params) => {
    expect(problemsOf(filter)[0]).toEqual({ path, kind, params, message: expect.any(String) });
  });

  it('has a case above for every kind but "other", so a client knows every kind it may meet', () => {
    const covered = new Set(cases.map(([, , kind]) => kind));
    expect(filterProblemKinds.filter((kind) => kind !== 'other' && !covered.has(kind))).toEqual([]);
  });

  it('keeps the English message an API user reads', () => {
    expect(problemsOf({ field: 'city', op: 'like', value: 'J%' })[0].message).toBe('"like" is not an operator; use one of eq, neq, in, nin, contains, starts_with, is_null');
    expect(problemsOf({ field: 'agee', op: 'gt', value: 3 })[0].message).toBe('unknown field "agee"; did you mean "age"? see docs/segments.md for the fields a filter can use');
  });
});
