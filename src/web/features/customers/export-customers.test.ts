import { describe, expect, it } from 'vitest';
import { majorUnits } from './export-customers.js';

describe('majorUnits', () => {
  it('writes minor units exactly in major units, for a spreadsheet a person reads', () => {
    expect(majorUnits(1_399_093, 100)).toBe('13990.93');
    expect(majorUnits(5, 100)).toBe('0.05');
    expect(majorUnits(0, 100)).toBe('0.00');
    expect(majorUnits(-250, 100)).toBe('-2.50');
    // rupiah has no minor digits: the amount as it is
    expect(majorUnits(263_253_500, 1)).toBe('263253500');
    // three digits (Bahraini dinar), and an amount past 2^53 / 1000 that floating point would round
    expect(majorUnits(1_234_567, 1000)).toBe('1234.567');
    expect(majorUnits(9_007_199_254_740_991, 100)).toBe('90071992547409.91');
  });
});
