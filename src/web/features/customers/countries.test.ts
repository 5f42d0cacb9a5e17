import { describe, expect, it } from 'vitest';
import { countriesIn, countryLabel } from './countries.js';

describe('countriesIn', () => {
  it('names the countries in the reader\'s language, sorted by name, without regions that are not countries', () => {
    const latvian = countriesIn('lv-LV');
    expect(latvian.find((country) => country.code === 'ID')?.name).toBe('Indonēzija');
    expect(latvian.find((country) => country.code === 'LV')?.name).toBe('Latvija');
    expect(latvian.map((country) => country.code)).not.toEqual(expect.arrayContaining(['EU']));
    expect(latvian.map((country) => country.code)).not.toContain('UN');
    const names = latvian.map((country) => country.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('lv-LV').compare));
    expect(latvian.length).toBeGreaterThan(240);
  });
});

describe('countryLabel', () => {
  it('reads a stored code as the country\'s name with its code', () => {
    expect(countryLabel('ID', 'id-ID')).toBe('Indonesia (ID)');
    expect(countryLabel('lv', 'en-GB')).toBe('Latvia (LV)');
  });

  it('keeps a code it cannot name, and nothing for no country', () => {
    expect(countryLabel('QQ', 'en-GB')).toBe('QQ');
    expect(countryLabel(null, 'en-GB')).toBeNull();
  });
});
