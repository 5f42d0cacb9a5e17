import { describe, expect, it } from 'vitest';
import { checkFilter, parseFilter, parseSavedFilter } from './filter-schema.js';

const problemsOf = (filter: unknown) => checkFilter(filter).problems;

describe('numbers no customer has', () => {
  it.each([
    [{ field: 'p_alive', op: 'gt', value: 1.5 }, 'filter.value', 'too_big', { maximum: 1 }, 'p_alive holds probabilities from 0 to 1; no customer has 1.5: give a value from 0 to 1'],
    [{ field: 'p_alive', op: 'eq', value: -0.1 }, 'filter.value', 'too_small', { minimum: 0 }, 'p_alive holds probabilities from 0 to 1; no customer has -0.1'],
    [{ field: 'age', op: 'lt', value: -1 }, 'filter.value', 'too_small', { minimum: 0 }, 'age holds ages of 0 years or more; no customer has -1: give 0 or more'],
    [{ field: 'revenue_minor', op: 'gt', value: -5 }, 'filter.value', 'too_small', { minimum: 0 }, 'revenue_minor holds values of 0 or more; no customer has -5'],
    [{ field: 'order_count', op: 'lte', value: -1 }, 'filter.value', 'too_small', { minimum: 0 }, 'order_count holds values of 0 or more'],
    [{ field: 'r_score', op: 'in', value: [1, 6] }, 'filter.value[1]', 'too_big', { maximum: 5 }, 'r_score holds scores from 1 to 5; no customer has 6'],
    [{ field: 'clv_minor', op: 'between', value: [-100, 500] }, 'filter.value[0]', 'too_small', { minimum: 0 }, 'clv_minor holds values of 0 or more'],
    [{ not: { field: 'customer_id', op: 'eq', value: 0 } }, 'filter.not.value', 'too_small', { minimum: 1 }, 'customer_id holds customer numbers from 1 up; no customer has 0'],
  ])('refuses %j at %s, naming the field, its range and the value', (filter, path, kind, limit, message) => {
    const [problem, ...others] = problemsOf(filter);
    expect(others).toEqual([]);
    const value = (filter as { value?: unknown }).value;
    const given = Array.isArray(value) ? value[Number(path.at(-2))] : (value ?? (filter as { not: { value: number } }).not.value);
    expect(problem).toEqual({ path, kind, params: { origin: 'number', ...limit, field: expect.any(String), value: given }, message: expect.stringContaining(message) });
  });

  it('takes every number a customer can have, at either end of the range', () => {
    for (const filter of [
      { field: 'p_alive', op: 'lte', value: 1 }, { field: 'p_alive', op: 'gte', value: 0 }, { field: 'p_alive', op: 'between', value: [0, 1] },
      { field: 'age', op: 'lte', value: 0 }, { field: 'age', op: 'gt', value: 0 }, { field: 'revenue_minor', op: 'gte', value: 0 },
      { field: 'order_count', op: 'eq', value: 0 }, { field: 'm_score', op: 'nin', value: [1, 5] }, { field: 'p_alive', op: 'is_null' },
      // unbounded: a purchase dated after the as-of day reads below zero
      { field: 'days_since_last_purchase', op: 'lt', value: -1 }, { field: 'birth_year', op: 'lt', value: -1 },
    ]) expect(problemsOf(filter)).toEqual([]);
  });

  it('refuses them as SEGMENT_FILTER_INVALID, but reads a saved filter as it always was', () => {
    expect(() => parseFilter({ field: 'p_alive', op: 'gt', value: 1.5 })).toThrow(expect.objectContaining({ code: 'SEGMENT_FILTER_INVALID' }));
    expect(parseSavedFilter({ field: 'p_alive', op: 'gt', value: 1.5 })).toEqual({ field: 'p_alive', op: 'gt', value: 1.5 });
  });
});
