import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { checkFilter, filterSchema, parseFilter } from './filter-schema.js';

const problemsOf = (filter: unknown) => checkFilter(filter).problems;

describe('the filter language', () => {
  it('accepts every operator on a field type that supports it', () => {
    const filter = {
      and: [
        { field: 'city', op: 'eq', value: 'Jakarta' }, { field: 'city', op: 'neq', value: 'Jakarta' },
        { field: 'city', op: 'in', value: ['Jakarta', 'Bandung'] }, { field: 'city', op: 'nin', value: ['Jakarta'] },
        { field: 'age', op: 'gt', value: 30 }, { field: 'age', op: 'gte', value: 30 }, { field: 'age', op: 'lt', value: 30 },
        { field: 'age', op: 'lte', value: 30 }, { field: 'age', op: 'between', value: [20, 40] },
        { field: 'name', op: 'contains', value: 'wi' }, { field: 'city', op: 'starts_with', value: 'Jak' },
        { field: 'birth_year', op: 'is_null' }, { field: 'birth_year', op: 'is_null', value: false },
        { field: 'last_purchase_at', op: 'gte', value: { days_ago: 90 } },
        { field: 'last_purchase_at', op: 'between', value: ['2025-01-01', { days_ago: 0 }] },
        { field: 'first_purchase_at', op: 'lt', value: '2024-02-29T08:00:00+07:00' },
        { field: 'consent_email', op: 'eq', value: true }, { field: 'customer_types', op: 'contains', value: 'vip' },
        { or: [{ not: { field: 'kind', op: 'eq', value: 'organization' } }] },
        { purchased: { category: 'coffee', within: { days: 90 }, count: { op: 'gte', value: 2 } } },
        { interest: { kind: ['signup'], within: { from: '2026-01-01', to: { days_ago: 0 } } } },
      ],
    };
    expect(problemsOf(filter)).toEqual([]);
    expect(parseFilter(filter)).toMatchObject({ and: expect.any(Array) });
  });

  it('normalises a single category to a list', () => {
    expect(parseFilter({ purchased: { category: 'coffee' } })).toEqual({ purchased: { category: ['coffee'] } });
  });

  it.each([
    [{ field: 'agee', op: 'gt', value: 3 }, 'filter.field', 'did you mean "age"'],
    [{ field: 'city; drop table customer', op: 'eq', value: 'x' }, 'filter.field', 'unknown field'],
    [{ and: [{ field: 'city', op: 'like', value: 'x' }] }, 'filter.and[0].op', '"like" is not an operator'],
    [{ field: 'age', op: 'contains', value: '3' }, 'filter.op', 'does not apply to age (a number field)'],
    [{ field: 'age', op: 'gt', value: 'thirty' }, 'filter.value', 'expected number'],
    [{ field: 'age', op: 'gt' }, 'filter.value', '"gt" needs a value'],
    [{ field: 'age', op: 'between', value: [40, 20] }, 'filter.value', 'low ≤ high'],
    [{ field: 'city', op: 'in', value: [] }, 'filter.value', ''],
    [{ field: 'last_purchase_at', op: 'gte', value: '31/01/2026' }, 'filter.value', 'a real day written YYYY-MM-DD'],
    // Date.parse rolls 2026-02-30 over to March 2; the filter must say so instead
    [{ field: 'last_purchase_at', op: 'gte', value: '2026-02-30' }, 'filter.value', 'a real day written YYYY-MM-DD'],
    [{ field: 'last_purchase_at', op: 'lt', value: '2026-02-30T08:00:00Z' }, 'filter.value', 'a real day'],
    [{ field: 'last_purchase_at', op: 'between', value: [{ days_ago: 30 }, '2026-13-45'] }, 'filter.value[1]', 'a real day'],
    [{ field: 'first_purchase_at', op: 'gte', value: '1969-12-31' }, 'filter.value', 'from 1970-01-01 to 2100-12-31'],
    [{ purchased: { category: 'coffee', within: { from: '2025-02-29' } } }, 'filter.purchased.within.from', 'a real day'],
    [{ interest: { kind: 'signup', within: { from: '2026-01-01', to: '2026-04-31' } } }, 'filter.interest.within.to', 'a real day'],
    [{ field: 'last_purchase_at', op: 'gte', value: { days_ago: -3 } }, 'filter.value.days_ago', '>=0'],
    [{ or: [{ field: 'city', op: 'eq', value: 'x' }, 'city = x'] }, 'filter.or[1]', 'expected a condition object'],
    [{ and: [], or: [] }, 'filter', 'must be the only key'],
    [{ select: 'customer_id from customer' }, 'filter', 'unrecognised condition'],
    [{ purchased: { category: 'coffee', count: { op: 'between', value: 2 } } }, 'filter.purchased.count', 'between'],
    [{ purchased: { category: 'coffee', within: { weeks: 2 } } }, 'filter.purchased.within', 'the last N days'],
    [{ not: { field: 'customer_types', op: 'eq', value: 'vip' } }, 'filter.not.op', 'does not apply'],
  ])('rejects %j at %s', (filter, path, message) => {
    const problems = problemsOf(filter);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toContain(message);
  });

  it('limits nesting depth', () => {
    let filter: unknown = { field: 'age', op: 'gt', value: 1 };
    for (let level = 0; level < 20; level++) filter = { not: filter };
    expect(problemsOf(filter)[0].message).toContain('at most 12 levels');
  });

  it('throws SEGMENT_FILTER_INVALID naming the path and the problem', () => {
    try {
      parseFilter({ and: [{ field: 'age', op: 'gt', value: 30 }, { field: 'citty', op: 'eq', value: 'x' }] });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('SEGMENT_FILTER_INVALID');
      expect((error as Error).message).toContain('filter.and[1].field: unknown field "citty"; did you mean "city"?');
    }
  });

  it('refuses a day that does not exist instead of rolling it over, naming the field', () => {
    try {
      parseFilter({ and: [{ field: 'age', op: 'gt', value: 30 }, { field: 'last_purchase_at', op: 'gte', value: '2026-02-30' }] });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('SEGMENT_FILTER_INVALID');
      expect(isAppError(error) && error.details).toMatchObject({ field: 'filter.and[1].value' });
      expect((error as Error).message).toContain('filter.and[1].value: a real day written YYYY-MM-DD');
    }
  });

  it('works as a zod schema with the same messages', () => {
    const result = filterSchema.safeParse({ field: 'age', op: 'gt', value: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('filter.value');
  });
});
