import { describe, expect, it } from 'vitest';
import { emptyFilters, filtersFromSearch, filtersToQuery, filtersToSearch, readMinSpend, type CustomerFilters } from './customer-filters.js';
import { parseAmount, parseDecimal } from './parse-amount.js';

const english = { tag: 'en-GB', minorPerMajor: 1 };
const indonesian = { tag: 'id-ID', minorPerMajor: 1 };
const latvian = { tag: 'lv-LV', minorPerMajor: 100 };

describe('readMinSpend', () => {
  it.each([
    ['100,000', english, 100_000],
    ['1,000,000', english, 1_000_000],
    ['100000', english, 100_000],
    ['500.000', indonesian, 500_000],
    ['1.000.000', indonesian, 1_000_000],
    [' 750 ', indonesian, 750],
    ['100 000', latvian, 10_000_000],
    ['100\u00a0000,50', latvian, 10_000_050],
    ['1 000 000', latvian, 100_000_000],
    ['12,5', latvian, 1250],
    ['0', english, 0],
  ])('reads %j in %o as %i minor units', (text, amountFormat, minor) => {
    expect(readMinSpend(text, amountFormat)).toEqual({ isValid: true, minor });
  });

  it.each([
    ['abc', english],
    ['-5', english],
    ['100,5', english],
    ['1,0000', english],
    ['100.000', english],
    ['100,5', indonesian],
    ['100.00', indonesian],
    ['1..000', indonesian],
    ['100.000', latvian],
    ['12,345', latvian],
    ['1e6', english],
    ['99999999999999999999', english],
  ])('refuses %j in %o instead of dropping or misreading it', (text, amountFormat) => {
    expect(readMinSpend(text, amountFormat)).toEqual({ isValid: false });
  });

  it('is no filter at all when the field is empty', () => {
    expect(readMinSpend('  ', english)).toEqual({ isValid: true });
  });
});

describe('parseAmount', () => {
  it('keeps cents exact in a currency with two minor digits', () => {
    expect(parseAmount('1,234.56', 'en-GB', 2)).toEqual({ ok: true, minor: 123_456 });
    expect(parseAmount('0.1', 'en-GB', 2)).toEqual({ ok: true, minor: 10 });
  });
});

describe('filtersToQuery', () => {
  it('sends the minimum spend in minor units read in the reader\'s locale', () => {
    expect(filtersToQuery({ ...emptyFilters, minSpend: '100,000' }, english).minRevenueMinor).toBe(100_000);
    expect(filtersToQuery({ ...emptyFilters, minSpend: '500.000' }, indonesian).minRevenueMinor).toBe(500_000);
  });

  it('sends the consent asked for, and none when any will do', () => {
    expect(filtersToQuery({ ...emptyFilters, consent: 'email' }, english).consent).toBe('email');
    expect(filtersToQuery(emptyFilters, english).consent).toBeUndefined();
  });
});

describe('filters in the URL', () => {
  it('leave out every filter that is not set, with no "null" from an absent parameter', () => {
    const fromBareUrl = filtersFromSearch(new URLSearchParams(''));
    expect(fromBareUrl).toEqual(emptyFilters);
    expect(filtersToSearch({ ...fromBareUrl, city: 'Bandung' })).toBe('?city=Bandung');
  });

  it('survive a round trip filters → search → filters unchanged', () => {
    const cases: CustomerFilters[] = [
      emptyFilters,
      { ...emptyFilters, status: 'lead' },
      { ...emptyFilters, channel: 'web', sort: 'revenue', minSpend: '100.000' },
      { q: 'Ayu', status: 'real', channel: 'store', city: 'Medan', minSpend: '5', sort: 'name', type: 'vip', rfmSegment: "Can't lose them", consent: 'profiling' },
    ];
    for (const filters of cases) {
      const search = filtersToSearch(filters);
      expect(search).not.toContain('null');
      expect(filtersFromSearch(new URLSearchParams(search))).toEqual(filters);
    }
  });

  it('writes no "null" for a view saved with the old null filters', () => {
    const savedBefore = { ...emptyFilters, status: null, channel: null, type: null, rfmSegment: null, city: 'Medan' } as unknown as CustomerFilters;
    expect(filtersToSearch(savedBefore)).toBe('?city=Medan');
  });

  it('reads a view saved before the consent filter as asking for none', () => {
    const { consent: _none, ...savedBefore } = { ...emptyFilters, type: 'vip' };
    const search = filtersToSearch(savedBefore as CustomerFilters);
    expect(search).toBe('?type=vip');
    expect(filtersFromSearch(new URLSearchParams(search)).consent).toBe('');
  });

  it('opens on who bought last, keeps that out of the address, and keeps newest-first in it', () => {
    expect(filtersFromSearch(new URLSearchParams('')).sort).toBe('last_purchase');
    expect(filtersToSearch(emptyFilters)).toBe('');
    expect(filtersToSearch({ ...emptyFilters, sort: 'recent' })).toBe('?sort=recent');
    expect(filtersFromSearch(new URLSearchParams('sort=recent')).sort).toBe('recent');
  });

  it('falls back to no filter for a value the list does not know', () => {
    expect(filtersFromSearch(new URLSearchParams('status=gold&sort=random&type=null&consent=newsletter'))).toEqual(emptyFilters);
  });
});

describe('parseDecimal', () => {
  it('reads any fraction and a minus sign with the locale\'s separators', () => {
    expect(parseDecimal('0,125', 'lv-LV')).toBe(0.125);
    expect(parseDecimal('-1 234,5', 'lv-LV')).toBe(-1234.5);
    expect(parseDecimal('\u22122,5', 'id-ID')).toBe(-2.5);
    expect(parseDecimal('1,234.5', 'en-GB')).toBe(1234.5);
    expect(parseDecimal('12', 'id-ID')).toBe(12);
  });

  it('refuses what the locale would not write', () => {
    expect(parseDecimal('100,5', 'en-GB')).toBeNull();
    expect(parseDecimal('0.5', 'id-ID')).toBeNull();
    expect(parseDecimal('1,', 'lv-LV')).toBeNull();
    expect(parseDecimal('', 'en-GB')).toBeNull();
    expect(parseDecimal('abc', 'en-GB')).toBeNull();
  });
});
