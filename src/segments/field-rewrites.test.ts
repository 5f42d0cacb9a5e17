import { describe, expect, it } from 'vitest';
import { rewriteComparison } from './field-rewrites.js';
import type { Comparison } from './filter-types.js';
import { numberTestHolds } from './number-test.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const daysBefore = (days: number) => new Date(asOf.getTime() - days * 86_400_000).toISOString();

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
    ['at least n days since is at or before as-of − n', { field: 'days_since_last_purchase', op: 'gte', value: 30 }, { field: 'last_purchase_at', op: 'lte', value: daysBefore(30) }],
    ['more than n days', { field: 'days_since_last_purchase', op: 'gt', value: 30 }, { field: 'last_purchase_at', op: 'lte', value: daysBefore(31) }],
    ['fewer than n days', { field: 'days_since_last_purchase', op: 'lt', value: 30 }, { field: 'last_purchase_at', op: 'gt', value: daysBefore(30) }],
    ['at most n days', { field: 'days_since_last_purchase', op: 'lte', value: 30 }, { field: 'last_purchase_at', op: 'gt', value: daysBefore(31) }],
    ['exactly n days is a one-day range', { field: 'days_since_last_purchase', op: 'eq', value: 7 },
      { and: [{ field: 'last_purchase_at', op: 'lte', value: daysBefore(7) }, { field: 'last_purchase_at', op: 'gt', value: daysBefore(8) }] }],
    ['neq keeps the expression (it matches unknown)', { field: 'days_since_last_purchase', op: 'neq', value: 7 }, { field: 'days_since_last_purchase', op: 'neq', value: 7 }],
    ['other fields are left alone', { field: 'city', op: 'eq', value: 'Jakarta' }, { field: 'city', op: 'eq', value: 'Jakarta' }],
  ])('%s', (_name, node, expected) => {
    expect(rewriteComparison(node, asOf)).toEqual(expected);
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
