import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnyDecimal, parseDecimal } from './parse-amount.js';

describe('the plain-decimal fast path of parseDecimal', () => {
  it.each(['0', '45000', '12.50', '12.5', '0.5', '007', '1.234', '1.23', '9999999999999', '9999999999999.99', '10000000000000', '12.', '.5', ' 12', '-12', '1,5', '1e3'])(
    'reads %j as the general reader does, for currencies with 0, 2 and 3 decimals',
    (raw) => {
      for (const digits of [0, 2, 3]) expect(parseDecimal(raw, digits)).toBe(parseAnyDecimal(raw, digits));
    },
  );

  it('agrees with the general reader on random digit strings with and without decimals', () => {
    const amount = fc.tuple(fc.stringMatching(/^\d{1,15}$/), fc.option(fc.stringMatching(/^\d{0,4}$/))).map(([whole, fraction]) => (fraction === null ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(amount, fc.constantFrom(0, 2, 3), (raw, digits) => {
        expect(parseDecimal(raw, digits)).toBe(parseAnyDecimal(raw, digits));
      }),
      { numRuns: 5000 },
    );
  });
});
