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

describe('numbers written in exponent notation, with letters or with currency', () => {
  it.each([
    ['2e5', 2, 200000], ['1e+3', 2, 1000], ['1.234e3', 2, 1234], ['2.5E-1', 2, 0.25], ['-1e2', 2, -100], ['1e13', 2, 1e13],
    ['Rp 1.250.000', 0, 1250000], ['IDR 50000', 0, 50000], ['€ 12,50', 2, 12.5], ['12.00 USD', 2, 12], ['US$ 12', 2, 12],
    ['-15.00', 2, -15], ['(15.00)', 2, -15], ['Rp -45.000', 0, -45000], ['15.00-', 2, -15], ['12\u00a0345,50 Kč', 2, 12345.5],
    ['CHF 1\u2019234.50', 2, 1234.5], ['+12', 2, 12],
  ])('reads %j (currency with %i decimals) as %d', (raw, digits, expected) => {
    expect(parseDecimal(raw, digits)).toBe(expected);
  });

  it.each([
    ['1e+21', 'is too large'], ['1e300', 'is too large'], ['1e400', 'is too large'], ['99999999999999999999999', 'is too large'],
    ['12abc34', 'letters or symbols among its digits'], ['2e5kg', 'letters or symbols among its digits'], ['0x10', 'letters or symbols'],
    ['1_000', 'letters or symbols'], ['12 pcs', '"pcs", which is not a currency'], ['--12', 'more than one sign'],
    ['(-12)', 'more than one sign'], ['(12', 'unmatched parenthesis'], ['12 34', 'misplaced thousands'], ['1234,567.89', 'misplaced thousands'],
    ['NaN', 'is not a number'], ['Infinity', 'is not a number'], [`${'1'.repeat(70)}`, 'too long'],
  ])('rejects %j: %s', (raw, reason) => {
    expect(parseDecimal(raw, 2)).toEqual(expect.stringContaining(reason));
  });

  it('rejects a digit string with a letter inside rather than dropping the letter', () => {
    const spoilt = fc.tuple(fc.stringMatching(/^\d{1,6}$/), fc.constantFrom(...'abcdfghijklmnopqrstuvwxyzABCDFXZ_#'), fc.stringMatching(/^\d{1,6}$/));
    fc.assert(
      fc.property(spoilt, ([before, letter, after]) => {
        expect(typeof parseDecimal(`${before}${letter}${after}`, 2)).toBe('string');
      }),
    );
  });

  it('reads every number JavaScript writes (JSON numbers arrive as String(x)) as that number, or rejects it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (number) => {
        const parsed = parseDecimal(String(number), 3);
        // A one-separator number with three decimals reads as decimals only for three-decimal currencies.
        if (typeof parsed === 'number') expect(parsed).toBe(number === 0 ? 0 : number);
        else expect(Math.abs(number) > 1e13 || !Number.isFinite(number)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
