import { addDays } from '../core/clock.js';
import type { StoreCalendar } from './filter-days.js';
import type { Comparison, FilterNode } from './filter-types.js';
import { isWholeValue } from './number-test.js';

/**
 * Conditions on derived fields restated on the stored column they derive from,
 * so the planner can use that column's statistics and indexes. Each rewrite is
 * exact for whole-number values (the only ones it takes; others keep the
 * derived expression) and keeps unknown as unknown: a missing birth year or
 * last purchase gives the same unknown result as the expression did.
 */
export function rewriteComparison(node: Comparison, calendar: StoreCalendar): FilterNode {
  if (node.field === 'age') return rewriteAge(node, calendar) ?? node;
  if (node.field === 'days_since_last_purchase') return rewriteDaysSince(node, calendar) ?? node;
  return node;
}

const mirroredOperator = { gt: 'lt', gte: 'lte', lt: 'gt', lte: 'gte' } as const;

/** age = as-of year (on the store's calendar) − birth year: larger ages are earlier birth years. */
function rewriteAge(node: Comparison, calendar: StoreCalendar): Comparison | null {
  const year = Number(calendar.asOfDay.slice(0, 4));
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

// Beyond this many days (about 1,370 years) a count keeps the expression: its day could fall before year 1.
const maximumDays = 500_000;

/**
 * days = as-of day − the last purchase's day, both on the store's calendar. For a
 * whole n, days ≥ n exactly when the last purchase is on or before the day n days
 * before the as-of day, and days < n exactly when it is after that day; every
 * operator is one or two such bounds, compiled as date comparisons on whole days.
 */
function rewriteDaysSince(node: Comparison, calendar: StoreCalendar): FilterNode | null {
  const { op, value } = node;
  if (!isWholeValue(value) || [value].flat().some((days) => Math.abs(days as number) > maximumDays)) return null;
  const dayBefore = (days: number) => addDays(calendar.asOfDay, -days);
  const atLeast = (days: number): Comparison => ({ field: 'last_purchase_at', op: 'lte', value: dayBefore(days) });
  const fewerThan = (days: number): Comparison => ({ field: 'last_purchase_at', op: 'gt', value: dayBefore(days) });
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
