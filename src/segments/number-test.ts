import type { ComparisonOperator } from './filter-types.js';

export type NumberTestOperator = Exclude<ComparisonOperator, 'contains' | 'starts_with' | 'is_null'>;

/**
 * Whether a known number passes a comparison, in plain code. The compiler asks
 * it about 0: when 0 fails ("revenue above 500 000", "bought twice"), customers
 * with no purchase facts cannot match, so the condition can read the stored
 * column (which has statistics and indexes) instead of `coalesce(column, 0)`.
 */
export function numberTestHolds(x: number, op: NumberTestOperator, value: number | readonly number[]): boolean {
  const list = () => value as readonly number[];
  const one = () => value as number;
  switch (op) {
    case 'eq': return x === one();
    case 'neq': return x !== one();
    case 'in': return list().includes(x);
    case 'nin': return !list().includes(x);
    case 'gt': return x > one();
    case 'gte': return x >= one();
    case 'lt': return x < one();
    case 'lte': return x <= one();
    case 'between': return x >= list()[0] && x <= list()[1];
  }
}

/** Whole-number values travel as bigint so a comparison with an integer column casts nothing. */
export function isWholeValue(value: unknown): boolean {
  return Array.isArray(value) ? value.every((item) => Number.isSafeInteger(item)) : Number.isSafeInteger(value);
}
