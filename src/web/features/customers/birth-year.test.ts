import { describe, expect, it } from 'vitest';
import { parseBirthYear } from './birth-year.js';

describe('parseBirthYear', () => {
  it.each([
    ['1987', 1987],
    [' 1900 ', 1900],
    ['2026', 2026],
  ])('reads %j as the year %i', (text, year) => {
    expect(parseBirthYear(text, 2026)).toEqual({ ok: true, year });
  });

  it.each(['', '   '])('reads %j as clearing the birth year', (text) => {
    expect(parseBirthYear(text, 2026)).toEqual({ ok: true, year: null });
  });

  it.each([
    ['1899', 'before 1900'],
    ['2027', 'after the current year'],
    ['2091', 'in the future though the API would take it'],
    ['87', 'two digits'],
    ['01987', 'five digits'],
    ['1987.0', 'a fraction'],
    ['1,987', 'grouped'],
    ['-1987', 'negative'],
    ['1987a', 'with letters'],
    ['1e3', 'in exponent notation'],
    ['١٩٨٧', 'in other digits'],
  ])('refuses %j (%s)', (text) => {
    expect(parseBirthYear(text, 2026)).toEqual({ ok: false });
  });
});
