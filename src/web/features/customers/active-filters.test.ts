import { describe, expect, it } from 'vitest';
import { countFoldedFilters, hasAnyFilter, withoutFilters } from './active-filters.js';
import { emptyFilters, type CustomerFilters } from './customer-filters.js';

describe('the active-filter count on the Filters button', () => {
  const cases: Array<{ name: string; filters: Partial<CustomerFilters>; count: number; isAny: boolean }> = [
    { name: 'no filter', filters: {}, count: 0, isAny: false },
    { name: 'a search only (it stays in sight, so it is not counted)', filters: { q: 'Sinar' }, count: 0, isAny: true },
    { name: 'a sort only (it orders, it does not narrow)', filters: { sort: 'revenue' }, count: 0, isAny: false },
    { name: 'status and channel', filters: { status: 'real', channel: 'web' }, count: 2, isAny: true },
    { name: 'every folded filter', filters: { status: 'lead', channel: 'store', type: 'vip', rfmSegment: 'Champions', consent: 'email', city: 'Medan', minSpend: '100' }, count: 7, isAny: true },
    { name: 'consent only (who may be emailed)', filters: { consent: 'email' }, count: 1, isAny: true },
    { name: 'a blank city (it narrows nothing)', filters: { city: '   ' }, count: 0, isAny: false },
    { name: 'a minimum spend that cannot be read', filters: { minSpend: '1,2,3,' }, count: 1, isAny: true },
  ];
  it.each(cases)('counts $count for $name', ({ filters, count, isAny }) => {
    const all = { ...emptyFilters, ...filters };
    expect({ count: countFoldedFilters(all), isAny: hasAnyFilter(all) }).toEqual({ count, isAny });
  });
});

describe('withoutFilters', () => {
  it('clears every filter and the search but keeps the sort', () => {
    const filtered: CustomerFilters = { q: 'Sinar', status: 'real', channel: 'web', city: 'Medan', minSpend: '100', sort: 'revenue', type: 'vip', rfmSegment: 'Lost', consent: 'sms' };
    expect(withoutFilters(filtered)).toEqual({ ...emptyFilters, sort: 'revenue' });
    expect(countFoldedFilters(withoutFilters(filtered))).toBe(0);
  });
});
