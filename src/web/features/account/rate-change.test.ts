import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../customers/parse-amount.js';
import { rateChange } from './rate-change.js';

describe('rateChange', () => {
  it('lets a first rate and ordinary moves through', () => {
    expect(rateChange(null, 16.25)).toEqual({ isFar: false });
    expect(rateChange(16_250, 16_900)).toEqual({ isFar: false });
    expect(rateChange(16_250, 1_700)).toEqual({ isFar: false });
  });

  it('stops a rate ten or more times off, saying which way and how far', () => {
    expect(rateChange(16_250, 16.25)).toEqual({ isFar: true, factor: 1000, direction: 'lower' });
    expect(rateChange(0.0000615, 16_250)).toMatchObject({ isFar: true, direction: 'higher' });
    expect(rateChange(100, 1_000)).toEqual({ isFar: true, factor: 10, direction: 'higher' });
  });
});

describe('a rate typed the reader\'s way', () => {
  it('reads "16.250" as sixteen thousand in Indonesian and sixteen in English', () => {
    expect(parseDecimal('16.250', 'id-ID')).toBe(16_250);
    expect(parseDecimal('16.250', 'en-GB')).toBe(16.25);
    expect(parseDecimal('0,0000615', 'lv-LV')).toBe(0.0000615);
  });
});
