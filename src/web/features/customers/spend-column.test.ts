import { describe, expect, it } from 'vitest';
import { spendColumnChars } from './spend-column.js';

describe('spendColumnChars', () => {
  it('fits the longest amount, with a character to spare for the currency code\'s wide letters', () => {
    expect(spendColumnChars(['IDR 9,500', 'IDR 170,963,000', 'IDR 0'])).toBe('IDR 170,963,000'.length + 1);
    expect(spendColumnChars(['256 401 500 IDR', '1 256 401 500 IDR'])).toBe('1 256 401 500 IDR'.length + 1);
  });

  it('keeps a minimum, so short amounts and an empty list do not shrink the column under its name', () => {
    expect(spendColumnChars([])).toBe(9);
    expect(spendColumnChars(['Rp 0'])).toBe(9);
    expect(spendColumnChars(['Pembelanjaan'], 4)).toBe(13);
  });
});
