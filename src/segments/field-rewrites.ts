import type { Comparison, FilterNode } from './filter-types.js';
import { isWholeValue } from './number-test.js';
import { dayMs } from '../core/clock.js';

/**
 * Conditions on derived fields restated on the stored column they derive from,
 * so the planner can use that column's statistics and indexes. Each rewrite is
 * exact for whole-number values (the only ones it takes; others keep the
 * derived expression) and keeps unknown as unknown: a missing birth year or
 * last purchase gives the same unknown result as the expression did.
 */
export function rewriteComparison(node: Comparison, asOf: Date): FilterNode {
  if (node.field === 'age') return rewriteAge(node, asOf) ?? node;
  if (node.field === 'days_since_last_purchase') return rewriteDaysSince(node, asOf) ?? node;
  return node;
}

const mirroredOperator = { gt: 'lt', gte: 'lte', lt: 'gt', lte: 'gte' } as const;

/** age = as-of year − birth year: larger ages are earlier birth years. */
function rewriteAge(node: Comparison, asOf: Date): Comparison | null {
  const year = asOf.getUTCFullYear();
  const { op, value } = node;
  if (op === 'is_null') return { ...node, field: 'birth_year' };
  if (!isWholeValue(value)) return null;
  switch (op) {
    case 'eq': case 'neq': return { field: 'birth_year', op, value: year - (value as number) };
    case 'in': case 'nin': return { field: 'birth_year', op, value: (value as number[]).map((age) => year - age) };
    case 'gt': case 'gte': case 'lt': case 'lte': return { field: 'birth_year', op: mirroredOperator[op], value: year - (value as number) };
    case 'between': {
      const [low, high] = value as [number, number];
      return { field: 'birth_year', op: 'between', value: [year - high, year - low] };
    }
    default: return null;
  }
}

/**
 * days = floor((as-of − last purchase) / 1 day). For a whole n, days ≥ n exactly
 * when the last purchase is at or before as-of − n days, and days < n exactly
 * when it is after; every operator is one or two such bounds.
 */
function rewriteDaysSince(node: Comparison, asOf: Date): FilterNode | null {
  const { op, value } = node;
  if (!isWholeValue(value)) return null;
  const daysBefore = (days: number) => new Date(asOf.getTime() - days * dayMs).toISOString();
  const atLeast = (days: number): Comparison => ({ field: 'last_purchase_at', op: 'lte', value: daysBefore(days) });
  const fewerThan = (days: number): Comparison => ({ field: 'last_purchase_at', op: 'gt', value: daysBefore(days) });
  switch (op) {
    case 'gte': return atLeast(value as number);
    case 'gt': return atLeast((value as number) + 1);
    case 'lt': return fewerThan(value as number);
    case 'lte': return fewerThan((value as number) + 1);
    case 'eq': return { and: [atLeast(value as number), fewerThan((value as number) + 1)] };
    case 'between': {
      const [low, high] = value as [number, number];
      return { and: [atLeast(low), fewerThan(high + 1)] };
    }
    default: return null;
  }
}
