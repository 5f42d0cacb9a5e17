import { describe, expect, it } from 'vitest';
import { holdsMostlyNames, looksLikeName } from './contact-columns.js';

describe('telling a column of names from one of customer ids', () => {
  it.each(['Budi Santoso', 'Budi', 'UMUM', "Dewi O'Neil-Putri", 'J. Bērziņš', 'PT. Maju Jaya', 'budi santoso', 'Анна Петрова'])('takes %s for a name', (value) => {
    expect(looksLikeName(value)).toBe(true);
  });

  it.each(['C-1001', 'CUST001', '17850', 'LC-0068', 'budi', 'vip', 'ana@example.com', '+62 812 3456 7890', 'Budi 2', 'Toko & Co', '- Umum', ''])('never takes %s for a name', (value) => {
    expect(looksLikeName(value)).toBe(false);
  });

  it('says a column holds names when 4 in 5 values are names and half have two words or more', () => {
    expect(holdsMostlyNames(['Budi Santoso', 'Budi', null, '', 'Siti Aminah', 'Umum'])).toBe(true);
    expect(holdsMostlyNames(['Budi', 'Umum', 'Umum', 'Siti Aminah'])).toBe(false);
    expect(holdsMostlyNames(['C-1001', 'Budi Santoso', 'Siti Aminah', 'I Made Wirawan'])).toBe(false);
    expect(holdsMostlyNames([null, ''])).toBe(false);
  });
});
