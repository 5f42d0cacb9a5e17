import { describe, expect, it } from 'vitest';
import { addCondition, conditionListOf, removeConditionAt, withMatchMode } from './filter-list.js';

const city = { field: 'city', op: 'eq', value: 'Jakarta' };
const age = { field: 'age', op: 'gt', value: 30 };

describe('conditionListOf', () => {
  it.each([
    ['an and', { and: [city, age] }, { mode: 'all', conditions: [city, age] }],
    ['an or', { or: [city] }, { mode: 'any', conditions: [city] }],
    ['a single condition', city, { mode: 'all', conditions: [city] }],
    ['a not', { not: city }, { mode: 'all', conditions: [{ not: city }] }],
    ['an and with a stray key', { and: [city], or: [] }, { mode: 'all', conditions: [{ and: [city], or: [] }] }],
  ] as const)('reads %s as a list', (_name, filter, expected) => {
    expect(conditionListOf(filter)).toEqual(expected);
  });
});

describe('addCondition', () => {
  it('appends to a top-level and', () => {
    expect(addCondition({ and: [age] }, city)).toEqual({ and: [age, city] });
  });

  it('appends to a top-level or, so a new condition joins the "any" list it is shown in', () => {
    expect(addCondition({ or: [age] }, city)).toEqual({ or: [age, city] });
  });

  it('wraps anything else in a new and', () => {
    expect(addCondition(age, city)).toEqual({ and: [age, city] });
    expect(addCondition({ not: age }, city)).toEqual({ and: [{ not: age }, city] });
  });
});

describe('removeConditionAt', () => {
  it('removes the condition at its place in the list', () => {
    expect(removeConditionAt({ or: [age, city] }, 0)).toEqual({ or: [city] });
  });

  it('leaves the filter that matches everyone when the last condition goes, even from an or', () => {
    expect(removeConditionAt({ or: [city] }, 0)).toEqual({ and: [] });
    expect(removeConditionAt(city, 0)).toEqual({ and: [] });
  });
});

describe('withMatchMode', () => {
  it('switches the top level between and and or', () => {
    expect(withMatchMode({ and: [age, city] }, 'any')).toEqual({ or: [age, city] });
    expect(withMatchMode({ or: [age, city] }, 'all')).toEqual({ and: [age, city] });
  });

  it('puts a lone condition into a list of the chosen kind', () => {
    expect(withMatchMode(city, 'any')).toEqual({ or: [city] });
  });
});
