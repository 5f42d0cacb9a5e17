import { describe, expect, it } from 'vitest';
import { rewriteComparison } from './field-rewrites.js';
import { storeCalendarOf } from './filter-days.js';
import type { Comparison } from './filter-types.js';
import { numberTestHolds } from './number-test.js';

// 07:00 on 1 June in Jakarta: the as-of day is 2026-06-01
const calendar = storeCalendarOf(new Date('2026-06-01T00:00:00Z'), 'Asia/Jakarta');

describe('rewriteComparison', () => {
  it.each<[string, Comparison, unknown]>([
    ['an older age is an earlier birth year', { field: 'age', op: 'gt', value: 30 }, { field: 'birth_year', op: 'lt', value: 1996 }],
    ['age at least', { field: 'age', op: 'gte', value: 30 }, { field: 'birth_year', op: 'lte', value: 1996 }],
    ['age under', { field: 'age', op: 'lt', value: 30 }, { field: 'birth_year', op: 'gt', value: 1996 }],
    ['age at most', { field: 'age', op: 'lte', value: 30 }, { field: 'birth_year', op: 'gte', value: 1996 }],
    ['an age range swaps its ends', { field: 'age', op: 'between', value: [25, 45] }, { field: 'birth_year', op: 'between', value: [1981, 2001] }],
    ['ages in a list', { field: 'age', op: 'nin', value: [20, 21] }, { field: 'birth_year', op: 'nin', value: [2006, 2005] }],
    ['unknown age', { field: 'age', op: 'is_null' }, { field: 'birth_year', op: 'is_null' }],
    ['a fractional age keeps the expression', { field: 'age', op: 'gt', value: 30.5 }, { field: 'age', op: 'gt', value: 30.5 }],
    ['at least n days since is on or before the day n days before the as-of day', { field: 'days_since_last_purchase', op: 'gte', value: 30 }, { field: 'last_purchase_at', op: 'lte', value: '2026-05-02' }],
    ['more than n days', { field: 'days_since_last_purchase', op: 'gt', value: 30 }, { field: 'last_purchase_at', op: 'lte', value: '2026-05-01' }],
    ['fewer than n days', { field: 'days_since_last_purchase', op: 'lt', value: 30 }, { field: 'last_purchase_at', op: 'gt', value: '2026-05-02' }],
    ['at most n days', { field: 'days_since_last_purchase', op: 'lte', value: 30 }, { field: 'last_purchase_at', op: 'gt', value: '2026-05-01' }],
    ['exactly n days is one day', { field: 'days_since_last_purchase', op: 'eq', value: 7 },
      { and: [{ field: 'last_purchase_at', op: 'lte', value: '2026-05-25' }, { field: 'last_purchase_at', op: 'gt', value: '2026-05-24' }] }],
    ['a day count too large for the calendar keeps the expression', { field: 'days_since_last_purchase', op: 'gt', value: 9_000_000 }, { field: 'days_since_last_purchase', op: 'gt', value: 9_000_000 }],
    ['neq keeps the expression (it matches unknown)', { field: 'days_since_last_purchase', op: 'neq', value: 7 }, { field: 'days_since_last_purchase', op: 'neq', value: 7 }],
    ['other fields are left alone', { field: 'city', op: 'eq', value: 'Jakarta' }, { field: 'city', op: 'eq', value: 'Jakarta' }],
  ])('%s', (_name, node, expected) => {
    expect(rewriteComparison(node, calendar)).toEqual(expected);
  });

  it("counts an age in the store's as-of year: 31 December 20:00 UTC is already the new year in Jakarta", () => {
    const newYear = storeCalendarOf(new Date('2025-12-31T20:00:00Z'), 'Asia/Jakarta');
    expect(rewriteComparison({ field: 'age', op: 'gte', value: 30 }, newYear)).toEqual({ field: 'birth_year', op: 'lte', value: 1996 });
  });
});

describe('numberTestHolds', () => {
  it.each<[Parameters<typeof numberTestHolds>, boolean]>([
    [[0, 'gt', 500], false], [[0, 'lt', 3], true], [[0, 'between', [0, 2]], true], [[0, 'between', [1, 2]], false],
    [[0, 'in', [1, 2]], false], [[0, 'nin', [1, 2]], true], [[0, 'eq', 0], true], [[0, 'neq', 0], false], [[0, 'gte', 0], true], [[0, 'lte', -1], false],
  ])('%j is %s', (args, expected) => {
    expect(numberTestHolds(...args)).toBe(expected);
  });
});
