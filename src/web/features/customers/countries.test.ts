import { describe, expect, it } from 'vitest';
import { countriesIn, countryChoices, countryLabel } from './countries.js';

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

  it.each(['en-GB', 'id-ID', 'lv-LV'])('names no country twice in %s, since withdrawn codes are left out', (tag) => {
    const names = countriesIn(tag).map((country) => country.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('lists Germany as DE, not as the withdrawn DD, nor FX, YU, CS, UK, SU or the other withdrawn codes', () => {
    const codes = countriesIn('en-GB').map((country) => country.code);
    expect(codes).toContain('DE');
    expect(codes).toContain('RS');
    expect(codes).toContain('XK');
    for (const withdrawn of ['DD', 'FX', 'YU', 'CS', 'UK', 'SU', 'BU', 'ZR', 'TP', 'AN', 'NH', 'VD', 'YD', 'RH', 'DY', 'HV', 'AC', 'TA', 'EA', 'IC', 'DG', 'CP', 'CQ']) {
      expect(codes).not.toContain(withdrawn);
    }
    expect(codes).toHaveLength(250);
  });
});

describe('countryChoices', () => {
  it('keeps a stored withdrawn code choosable, under its label, first', () => {
    const choices = countryChoices('en-GB', 'DD');
    expect(choices[0]).toEqual({ code: 'DD', name: 'Germany (DD)' });
    expect(choices.filter((country) => country.code === 'DD')).toHaveLength(1);
    expect(choices.find((country) => country.code === 'DE')?.name).toBe('Germany');
  });

  it('adds nothing for a current code, in any case, or for none', () => {
    expect(countryChoices('en-GB', 'de')).toEqual(countriesIn('en-GB'));
    expect(countryChoices('en-GB', null)).toEqual(countriesIn('en-GB'));
  });
});

describe('countryLabel', () => {
  it('reads a stored code as the country\'s name with its code', () => {
    expect(countryLabel('ID', 'id-ID')).toBe('Indonesia (ID)');
    expect(countryLabel('lv', 'en-GB')).toBe('Latvia (LV)');
  });

  it('still shows a stored withdrawn code by its name', () => {
    expect(countryLabel('DD', 'en-GB')).toBe('Germany (DD)');
  });

  it('keeps a code it cannot name, and nothing for no country', () => {
    expect(countryLabel('QQ', 'en-GB')).toBe('QQ');
    expect(countryLabel(null, 'en-GB')).toBeNull();
  });
});
