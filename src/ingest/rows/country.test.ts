import { describe, expect, it } from 'vitest';
import { countryCode } from './country.js';

describe('countryCode', () => {
  it.each([
    ['ID', 'ID'], ['lv', 'LV'], [' us ', 'US'], ['UK', 'GB'],
    ['Indonesia', 'ID'], ['INDONESIA', 'ID'], ['Germany', 'DE'], ['United States', 'US'], ['USA', 'US'], ['Côte d’Ivoire', 'CI'], ['cote divoire', 'CI'],
    ['Jerman', 'DE'], ['Amerika Serikat', 'US'], ['Korea Selatan', 'KR'],
    ['Latvija', 'LV'], ['Indonēzija', 'ID'], ['Vācija', 'DE'],
    // Q is private use only from QM on: Qatar is a country
    ['QA', 'QA'], ['Qatar', 'QA'], ['Katara', 'QA'],
  ])('reads %j as %s', (raw, code) => {
    expect(countryCode(raw)).toBe(code);
  });

  it.each(['XX', 'ZZ', 'EU', 'QM', 'QO', 'QZ', 'Indonsia', 'Jakarta', 'IDN1', ''])('knows no country %j', (raw) => {
    expect(countryCode(raw)).toBeNull();
  });
});
