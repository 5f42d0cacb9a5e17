import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { customerTypesByPrecedence } from '../analytics/customer-types.js';
import { rfmSegmentNames } from '../analytics/rfm-segments.js';
import { isAppError } from '../core/errors.js';
import { checkFilter, filterLimits, filterSchema, parseFilter, parseSavedFilter } from './filter-schema.js';

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
    [{ field: 'age', op: 'gt', value: 'thirty' }, 'filter.value', 'age takes a number; got "thirty"'],
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
      expect((error as Error).message).toContain('filter.and[1].value: last_purchase_at takes a date: a real day written YYYY-MM-DD');
    }
  });

  it('works as a zod schema with the same messages', () => {
    const result = filterSchema.safeParse({ field: 'age', op: 'gt', value: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('filter.value');
  });

  it('says what a list of conditions may hold, as docs/segments.md does', () => {
    const [problem] = problemsOf({ and: { field: 'age', op: 'gt', value: 1 } });
    expect(problem).toMatchObject({ path: 'filter.and', kind: 'condition_list_expected', params: { maximum: filterLimits.conditionsInOneList } });
    expect(problem.message).toBe('expected a list [ … ] of at most 100 conditions (and at most 300 in the whole filter)');
    const documented = readFileSync(fileURLToPath(new URL('../../docs/segments.md', import.meta.url)), 'utf8');
    const { levels, conditionsInOneList, conditions } = filterLimits;
    expect(documented.match(/at most \d+ levels[^)]*/)?.[0]).toBe(`at most ${levels} levels, ${conditionsInOneList} conditions in one list and ${conditions} in all`);
  });
});

describe('a value of the wrong kind for its field', () => {
  const money = 'a money amount in minor units of the store currency, written as a number (25050 for 250.50 in a currency with cents such as EUR, 250 for 250 in one without such as IDR)';
  const dates = 'a real day written YYYY-MM-DD, or an ISO 8601 time, from 1970-01-01 to 2100-12-31';

  it.each([
    [{ field: 'revenue_minor', op: 'gt', value: 'lots' }, 'filter.value', `revenue_minor takes ${money}; got "lots"`],
    [{ field: 'clv_minor', op: 'lt', value: '250.50' }, 'filter.value', `clv_minor takes ${money}; got "250.50": write the number without quotes, as 250.5`],
    [{ and: [{ field: 'average_order_minor', op: 'between', value: [100, { amount: 5 }] }] }, 'filter.and[0].value[1]', `average_order_minor takes ${money}; got {"amount":5}`],
    [{ field: 'refunded_order_count', op: 'gte', value: 'two' }, 'filter.value', 'refunded_order_count takes a number; got "two"'],
    [{ field: 'age', op: 'gt', value: '30' }, 'filter.value', 'age takes a number; got "30": write the number without quotes, as 30'],
    [{ field: 'age', op: 'eq', value: null }, 'filter.value', 'age takes a number; got null'],
    [{ field: 'age', op: 'in', value: [20, '30 or so'] }, 'filter.value[1]', 'age takes a number; got "30 or so"'],
    [{ field: 'last_purchase_at', op: 'gte', value: 20260131 }, 'filter.value', 'last_purchase_at takes a date: an ISO date such as "2026-01-31" or a relative date such as {"days_ago": 90} or {"days_ahead": 7}; got 20260131'],
    [{ field: 'first_purchase_at', op: 'lt', value: 'last spring' }, 'filter.value', `first_purchase_at takes a date: ${dates}; got "last spring"`],
    [{ field: 'consent_email', op: 'eq', value: 'true' }, 'filter.value', 'consent_email takes true or false; got "true": write it without quotes, as true'],
    [{ field: 'birth_year', op: 'is_null', value: 'yes' }, 'filter.value', '"is_null" on birth_year takes true, false or no value; got "yes"'],
    [{ field: 'city', op: 'eq', value: 5 }, 'filter.value', 'city takes a text in quotes; got 5'],
    [{ field: 'city', op: 'in', value: 'Jakarta' }, 'filter.value', '"in" and "nin" take a list [ … ] of values of city; got "Jakarta"'],
    [{ field: 'age', op: 'between', value: 30 }, 'filter.value', '"between" takes [low, high] for age; got 30'],
    [{ field: 'name', op: 'eq', value: 'x'.repeat(20).split('') }, 'filter.value', `name takes a text in quotes; got ${'["x"'}${',"x"'.repeat(14)}…`],
  ])('names the field, what it takes and the value given for %j', (filter, path, message) => {
    const [problem, ...others] = problemsOf(filter);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ path, message });
  });

  it('keeps the kind and values a client words the problem with', () => {
    expect(problemsOf({ field: 'revenue_minor', op: 'gt', value: 'lots' })[0]).toMatchObject({ kind: 'type_mismatch', params: { expected: 'number', received: 'string' } });
    expect(problemsOf({ field: 'last_purchase_at', op: 'gte', value: '31/01/2026' })[0]).toMatchObject({ kind: 'real_day_expected', params: { earliest: '1970-01-01', latest: '2100-12-31' } });
  });

  it('says it in the error a caller gets', () => {
    expect(() => parseFilter({ and: [{ field: 'age', op: 'gt', value: 30 }, { field: 'revenue_minor', op: 'gte', value: 'lots' }] }))
      .toThrow(`The filter is not valid. filter.and[1].value: revenue_minor takes ${money}; got "lots"`);
  });

  it('leaves values outside a comparison as they were said, with no field to name', () => {
    expect(problemsOf({ purchased: { within: { from: 'last spring' } } })[0]).toMatchObject({ path: 'filter.purchased.within.from', message: dates });
    expect(problemsOf({ purchased: { count: { op: 'gte', value: 'two' } } })[0]).toMatchObject({ path: 'filter.purchased.count.value', message: 'expected a whole number ≥ 0, or [low, high] with "between"' });
  });
});

describe('values from closed lists', () => {
  it('takes them in any letter case and keeps the spelling the store stores', () => {
    expect(parseFilter({ field: 'rfm_segment', op: 'eq', value: 'champions' })).toEqual({ field: 'rfm_segment', op: 'eq', value: 'Champions' });
    expect(parseFilter({ field: 'churn_risk', op: 'in', value: ['HIGH', 'Medium'] })).toEqual({ field: 'churn_risk', op: 'in', value: ['high', 'medium'] });
    expect(parseFilter({ field: 'customer_types', op: 'contains', value: 'VIP' })).toEqual({ field: 'customer_types', op: 'contains', value: 'vip' });
    expect(parseFilter({ field: 'kind', op: 'neq', value: 'Organization' })).toEqual({ field: 'kind', op: 'neq', value: 'organization' });
    expect(parseFilter({ purchased: { channel: 'Marketplace' } })).toEqual({ purchased: { channel: ['marketplace'] } });
    expect(parseFilter({ interest: { kind: ['SignUp', 'cart'], channel: 'Web' } })).toEqual({ interest: { kind: ['signup', 'cart'], channel: ['Web'] } });
    // part of a name is not a value of the list
    expect(parseFilter({ field: 'rfm_segment', op: 'contains', value: 'los' })).toEqual({ field: 'rfm_segment', op: 'contains', value: 'los' });
  });

  it.each([
    [{ field: 'customer_types', op: 'contains', value: 'vipp' }, 'filter.value', 'a customer type', customerTypesByPrecedence],
    [{ field: 'primary_type', op: 'eq', value: 'champion' }, 'filter.value', 'a customer type', customerTypesByPrecedence],
    [{ field: 'rfm_segment', op: 'in', value: ['Champions', 'Champs'] }, 'filter.value[1]', 'an RFM segment', rfmSegmentNames],
    [{ field: 'churn_risk', op: 'eq', value: 'very high' }, 'filter.value', 'a churn risk', ['low', 'medium', 'high']],
    [{ field: 'kind', op: 'eq', value: 'company' }, 'filter.value', 'a customer kind', ['person', 'organization']],
    [{ purchased: { channel: 'webshop' } }, 'filter.purchased.channel', 'an order channel', ['store', 'web', 'mobile', 'marketplace', 'phone', 'other']],
    [{ and: [{ purchased: { channel: ['web', 'webshop'] } }] }, 'filter.and[0].purchased.channel[1]', 'an order channel', ['store', 'web', 'mobile', 'marketplace', 'phone', 'other']],
    [{ interest: { kind: 'signups' } }, 'filter.interest.kind', 'an interest kind', ['signup', 'inquiry', 'cart', 'visit', 'newsletter', 'other']],
  ])('refuses %j at %s, naming the values there are', (filter, path, noun, allowed) => {
    const [problem, ...others] = problemsOf(filter);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ path, kind: 'not_one_of', params: { allowed: [...allowed] } });
    expect(problem.message).toContain(`is not ${noun}; use one of: ${allowed.join(', ')}`);
  });

  it('refuses them as SEGMENT_FILTER_INVALID', () => {
    expect(() => parseFilter({ field: 'churn_risk', op: 'eq', value: 'HIGHEST' })).toThrow(expect.objectContaining({ code: 'SEGMENT_FILTER_INVALID' }));
  });
});

describe('reversed date ranges', () => {
  it.each([
    [{ field: 'last_purchase_at', op: 'between', value: ['2026-12-01', '2026-11-01'] }, 'filter.value', { low: '"2026-12-01"', high: '"2026-11-01"' }],
    [{ field: 'next_purchase_day', op: 'between', value: [{ days_ago: 0 }, { days_ago: 30 }] }, 'filter.value', { low: '{"days_ago":0}', high: '{"days_ago":30}' }],
    [{ purchased: { within: { from: '2026-11-01', to: '2026-10-01' } } }, 'filter.purchased.within', { low: '"2026-11-01"', high: '"2026-10-01"' }],
    [{ not: { interest: { within: { from: '2026-11-01T10:00:00Z', to: '2026-11-01T09:00:00Z' } } } }, 'filter.not.interest.within', { low: '"2026-11-01T10:00:00Z"', high: '"2026-11-01T09:00:00Z"' }],
  ])('refuses %j as range_reversed, as a reversed number range is', (filter, path, params) => {
    const problems = problemsOf(filter);
    expect(problems).toEqual([expect.objectContaining({ path, kind: 'range_reversed', params })]);
    expect(problems[0].message).toContain(`got ${params.low} and ${params.high}`);
  });

  it('takes ranges in order, one day long, or with a relative end against a fixed one', () => {
    expect(problemsOf({ field: 'last_purchase_at', op: 'between', value: ['2026-11-01', '2026-11-01'] })).toEqual([]);
    expect(problemsOf({ field: 'last_purchase_at', op: 'between', value: ['2026-11-01', { days_ago: 0 }] })).toEqual([]);
    expect(problemsOf({ purchased: { within: { from: '2026-10-01', to: '2026-11-01' } } })).toEqual([]);
  });
});

describe('empty windows', () => {
  it.each([
    [{ purchased: { within: { from: '2026-11-01', to: '2026-11-01' } } }, 'filter.purchased.within', { from: '"2026-11-01"', to: '"2026-11-01"' }],
    [{ and: [{ interest: { within: { from: { days_ago: 7 }, to: { days_ago: 7 } } } }] }, 'filter.and[0].interest.within', { from: '{"days_ago":7}', to: '{"days_ago":7}' }],
    // a time up to the start of its own day: "to" stands for the day's first instant, not the whole day
    [{ purchased: { within: { from: '2026-11-01T10:00', to: '2026-11-01' } } }, 'filter.purchased.within', { from: '"2026-11-01T10:00"', to: '"2026-11-01"' }],
    [{ not: { purchased: { within: { from: '2026-11-01T10:00:00Z', to: '2026-11-01T17:00:00+07:00' } } } }, 'filter.not.purchased.within', { from: '"2026-11-01T10:00:00Z"', to: '"2026-11-01T17:00:00+07:00"' }],
  ])('refuses %j as window_empty, naming where it is', (filter, path, params) => {
    const problems = problemsOf(filter);
    expect(problems).toEqual([expect.objectContaining({ path, kind: 'window_empty', params })]);
    expect(problems[0].message).toContain(`from ${params.from} to ${params.to} holds no time`);
    expect(() => parseFilter(filter)).toThrow(expect.objectContaining({ code: 'SEGMENT_FILTER_INVALID' }));
  });

  it('takes windows that hold some time, whatever the zone', () => {
    expect(problemsOf({ purchased: { within: { from: '2026-11-01', to: '2026-11-02' } } })).toEqual([]);
    expect(problemsOf({ purchased: { within: { from: '2026-11-01T10:00', to: '2026-11-01T10:30' } } })).toEqual([]);
    expect(problemsOf({ interest: { within: { from: { days_ago: 7 }, to: { days_ago: 6 } } } })).toEqual([]);
    // a store day against an exact instant: in some zone the day begins before it
    expect(problemsOf({ purchased: { within: { from: '2026-11-01', to: '2026-11-01T12:00:00Z' } } })).toEqual([]);
    // a relative end against a fixed one is not judged, as for reversed ranges
    expect(problemsOf({ purchased: { within: { from: { days_ago: 0 }, to: '2026-11-01' } } })).toEqual([]);
  });

  it('leaves a saved filter as it was stored', () => {
    const saved = { purchased: { within: { from: '2026-11-01', to: '2026-11-01' } } };
    expect(parseSavedFilter(saved)).toEqual(saved);
  });
});

describe('a saved filter', () => {
  it('is read as it always was when only the newer value checks would refuse it: its stale values match no one', () => {
    const saved = { and: [
      { field: 'customer_types', op: 'contains', value: 'vipp' },
      { field: 'rfm_segment', op: 'eq', value: 'champions' },
      { field: 'last_purchase_at', op: 'between', value: ['2026-12-01', '2026-11-01'] },
      { purchased: { channel: 'webshop', within: { from: '2026-11-01', to: '2026-10-01' } } },
    ] };
    expect(() => parseFilter(saved)).toThrow(expect.objectContaining({ code: 'SEGMENT_FILTER_INVALID' }));
    expect(parseSavedFilter(saved)).toEqual({ and: [
      { field: 'customer_types', op: 'contains', value: 'vipp' },
      { field: 'rfm_segment', op: 'eq', value: 'Champions' },
      { field: 'last_purchase_at', op: 'between', value: ['2026-12-01', '2026-11-01'] },
      { purchased: { channel: ['webshop'], within: { from: '2026-11-01', to: '2026-10-01' } } },
    ] });
  });

  it('is still refused for what was always wrong', () => {
    expect(() => parseSavedFilter({ field: 'agee', op: 'gt', value: 3 })).toThrow(expect.objectContaining({ code: 'SEGMENT_FILTER_INVALID' }));
  });
});
