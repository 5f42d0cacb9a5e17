import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnyDecimal, parseDecimal, parseMoney, parseQuantity } from './parse-amount.js';
import { RowProblem } from './row-problem.js';

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
    // Excel and Intl group thousands in lv (and fr, ru, cs…) with a no-break or a narrow no-break space
    ['1\u00a0234,56', 2, 1234.56], ['1\u202f234,56', 2, 1234.56], ['1\u202f234\u202f567,5 €', 2, 1234567.5], ['\u2212 1\u202f234,56', 2, -1234.56],
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

const problemOf = (run: () => unknown): RowProblem => {
  try {
    run();
  } catch (error) {
    if (error instanceof RowProblem) return error;
    throw error;
  }
  throw new Error('expected a row problem');
};

describe('amounts written with a currency symbol or local name', () => {
  it.each([
    ['Rp 45.000', 'IDR', 45000], ['Rp45.000,00', 'IDR', 45000], ['1 234,50 €', 'EUR', 123450], ['€12.99', 'EUR', 1299], ['$12.99', 'USD', 1299],
    ['$12.99', 'AUD', 1299], ['US$ 12', 'USD', 1200], ['£2.55', 'GBP', 255], ['¥1,200', 'JPY', 1200], ['¥12.50', 'CNY', 1250], ['12,50 zł', 'PLN', 1250],
    ['kr 99,50', 'SEK', 9950], ['99 kr.', 'DKK', 9900], ['₹1,499', 'INR', 149900], ['Rs. 1,499', 'INR', 149900], ['₩5,000', 'KRW', 5000],
    ['₽ 100', 'RUB', 10000], ['₺50', 'TRY', 5000], ['₫ 50.000', 'VND', 50000], ['฿100', 'THB', 10000], ['R$ 12,50', 'BRL', 1250],
    ['CHF 12.50', 'CHF', 1250], ['12 lei', 'RON', 1200], ['RM 10', 'MYR', 1000], ['R 99', 'ZAR', 9900],
  ])('reads %j in a %s row as %i minor units', (raw, currency, minor) => {
    expect(parseMoney('amount', raw, currency)).toBe(minor);
  });

  it.each([
    ['Rp 45.000', 'EUR', 'Rp', 'IDR'], ['$12.99', 'EUR', '$', 'USD'], ['€ 150000', 'IDR', '€', 'EUR'], ['£12', 'EUR', '£', 'GBP'],
    ['¥1200', 'EUR', '¥', 'JPY'], ['kr 99', 'EUR', 'kr', 'SEK'], ['US$ 12', 'AUD', 'US$', 'USD'], ['12 zł', 'EUR', 'zł', 'PLN'],
    ['₹1,499', 'EUR', '₹', 'INR'], ['Ls 12', 'EUR', 'Ls', 'LVL'], ['R$ 12', 'USD', 'R$', 'BRL'], ['CHF 12', 'EUR', 'CHF', 'CHF'],
  ])('rejects %j in a %s row, naming the symbol, the row\'s currency and what to do', (raw, currency, written, among) => {
    const problem = problemOf(() => parseMoney('amount', raw, currency));
    expect(problem.code).toBe('AMOUNT_CURRENCY_MISMATCH');
    expect(problem.params).toMatchObject({ field: 'amount', value: raw, written, currency });
    expect(String(problem.params.currencies).split(', ')).toContain(among);
    expect(problem.message).toContain(written);
    expect(problem.message).toContain(`the row's currency is ${currency}; give the amount's currency in a currency column, or convert the amount to ${currency}`);
  });

  it('names every currency an ambiguous symbol can stand for', () => {
    const problem = problemOf(() => parseMoney('unit_price', '$12.99', 'EUR'));
    expect(problem.message).toMatch(/^unit_price "\$12\.99" has "\$", a symbol of USD, AUD, CAD, .* or \w{3}, but the row's currency is EUR;/);
  });

  it('shows how to write an amount in the row\'s currency: no decimals in IDR, two in EUR, three in KWD', () => {
    const unreadable = (currency: string) => problemOf(() => parseMoney('amount', 'abc', currency));
    expect(unreadable('IDR').message).toBe('amount "abc" is not a number; write amounts like 1234 or 1.234');
    expect(unreadable('IDR').params).toEqual({ field: 'amount', value: 'abc', currency: 'IDR', currencyDecimals: 0 });
    expect(unreadable('KWD').params).toEqual({ field: 'amount', value: 'abc', currency: 'KWD', currencyDecimals: 3 });
    // too large, whether beyond 1e13 or beyond what a double holds in minor units, gives them too
    expect(problemOf(() => parseMoney('amount', '20000000000000', 'IDR'))).toMatchObject({ code: 'AMOUNT_TOO_LARGE', params: { field: 'amount', value: '20000000000000', currency: 'IDR', currencyDecimals: 0 } });
    expect(problemOf(() => parseMoney('amount', '9999999999999', 'KWD'))).toMatchObject({ code: 'AMOUNT_TOO_LARGE', params: { field: 'amount', value: '9999999999999', currency: 'KWD', currencyDecimals: 3 } });
    expect(unreadable('EUR').message).toBe('amount "abc" is not a number; write amounts like 1234.50 or 1.234,50');
    expect(unreadable('KWD').message).toBe('amount "abc" is not a number; write amounts like 1234.500 or 1.234,500');
    // each example is an amount the currency takes, read as the number it shows
    expect([parseMoney('amount', '1234', 'IDR'), parseMoney('amount', '1.234', 'IDR')]).toEqual([1234, 1234]);
    expect([parseMoney('amount', '1234.500', 'KWD'), parseMoney('amount', '1.234,500', 'KWD')]).toEqual([1234500, 1234500]);
  });

  it('rejects a symbol it does not know rather than ignoring it', () => {
    const problem = problemOf(() => parseMoney('amount', '50¢', 'USD'));
    expect(problem.code).toBe('AMOUNT_UNREADABLE');
    expect(problem.message).toContain('"¢", which is not a currency symbol or code');
  });
});

describe('amounts finer than the currency\'s minor unit', () => {
  it.each([
    ['12.50', 'IDR', 1, 0], ['12,5', 'IDR', 1, 0], ['Rp 12.500,50', 'IDR', 1, 0], ['0.5', 'JPY', 1, 0], ['1.25e1', 'IDR', 1, 0], ['5e-1', 'IDR', 1, 0],
    ['0.125', 'USD', 3, 2], ['12.3456', 'USD', 4, 2], ['12,3456 €', 'EUR', 4, 2], ['1.2345e1', 'USD', 3, 2], ['5e-3', 'EUR', 3, 2], ['1.0005', 'KWD', 4, 3],
  ])('rejects amount %j in a %s row: it needs %i decimals, the currency has %i', (raw, currency, decimals, currencyDecimals) => {
    const problem = problemOf(() => parseMoney('amount', raw, currency));
    expect(problem.code).toBe('AMOUNT_TOO_PRECISE');
    expect(problem.field).toBe('amount');
    expect(problem.params).toEqual({ field: 'amount', value: raw, decimals, currency, currencyDecimals });
  });

  it.each([
    ['1200.00', 'IDR', 1200], ['1200,00', 'IDR', 1200], ['Rp 12.500', 'IDR', 12500], ['12.0', 'JPY', 12], ['1.5e3', 'IDR', 1500], ['1200e-2', 'IDR', 12],
    ['0e-5', 'IDR', 0], ['0.00', 'IDR', 0], ['12.50', 'USD', 1250], ['12.500', 'USD', 1_250_000], ['0.1200', 'USD', 12], ['1.234', 'KWD', 1234],
  ])('accepts %j in a %s row as %i minor units: trailing zeros and thousands separators need no decimals', (raw, currency, minor) => {
    expect(parseMoney('amount', raw, currency)).toBe(minor);
  });

  it('says which field and value, what the currency allows and what to do', () => {
    expect(problemOf(() => parseMoney('discount_amount', '0.125', 'USD')).message)
      .toBe('discount_amount "0.125" needs 3 decimals but USD has 2; round it to 2 decimals, or check the row\'s currency');
  });

  it('says a currency without cents takes whole numbers, and the two nearest, never "needs 1 decimal but IDR has none"', () => {
    const tenAndAHalf = problemOf(() => parseMoney('amount', '10.50', 'IDR'));
    expect(tenAndAHalf.message).toBe('amount "10.50" has decimals, but IDR amounts are whole numbers (no cents): write 10 or 11, or check the row\'s currency');
    // the code and params the app translates from are as they were
    expect(tenAndAHalf.params).toEqual({ field: 'amount', value: '10.50', decimals: 1, currency: 'IDR', currencyDecimals: 0 });
    expect(problemOf(() => parseMoney('amount', 'Rp 12.500,50', 'IDR')).message).toContain('write 12500 or 12501,');
    expect(problemOf(() => parseMoney('amount', '0.5', 'JPY')).message).toContain('JPY amounts are whole numbers (no cents): write 0 or 1,');
    expect(problemOf(() => parseMoney('refunded_amount', '-10.5', 'IDR', { allowNegative: true })).message).toContain('write -10 or -11,');
  });

  it('rejects rather than rounds every amount that is not a whole number of minor units, and stores the others exactly', () => {
    const fraction = fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,2}$/), fc.stringMatching(/^\d{4,6}$/));
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,8}$/), fraction, fc.constantFrom('IDR', 'EUR'), (whole, decimals, currency) => {
        const raw = decimals === '' ? whole : `${whole}.${decimals}`;
        const currencyDecimals = currency === 'IDR' ? 0 : 2;
        const needed = decimals.replace(/0+$/, '').length;
        const minor = () => parseMoney('refunded_amount', raw, currency);
        if (needed > currencyDecimals) expect(problemOf(minor).code).toBe('AMOUNT_TOO_PRECISE');
        else expect(minor()).toBe(Number(`${whole}${decimals.padEnd(currencyDecimals, '0').slice(0, currencyDecimals)}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a double printed in full as the amount it meant, and a number written to fifteen digits as written', () => {
    // 19.99 * 3 in JavaScript, and pandas writing a float column
    expect(parseMoney('amount', '59.97000000000001', 'EUR')).toBe(5997);
    expect(parseMoney('amount', '59.970000000000006', 'EUR')).toBe(5997);
    expect(parseMoney('amount', String(0.1 + 0.2), 'EUR')).toBe(30);
    expect(parseMoney('amount', '44999.99999999999', 'IDR')).toBe(45000);
    expect(problemOf(() => parseMoney('amount', '59.97500000000001', 'EUR')).code).toBe('AMOUNT_TOO_PRECISE');
    expect(problemOf(() => parseMoney('amount', '123456789.000001', 'EUR')).code).toBe('AMOUNT_TOO_PRECISE');
  });

  it('rounds unit prices, which exports write in fractions of a cent (UCI Online Retail: £0.001), to the minor unit', () => {
    expect(parseMoney('unit_price', '0.125', 'USD')).toBe(13);
    expect(parseMoney('unit_price', '0.001', 'GBP')).toBe(0);
    expect(parseMoney('unit_price', '12.50', 'IDR')).toBe(13);
  });
});

describe('a negative amount or quantity', () => {
  const problemOf = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      if (error instanceof RowProblem) return error;
    }
    throw new Error('no problem raised');
  };

  it('gives the one supported way of storing a refund, on the order it pays back, for an amount and a quantity alike', () => {
    const advice = 'belongs to the order it pays back: send that order again (its own order id) with status refunded, or with refunded_amount for part of it, and leave this row out';
    const amount = problemOf(() => parseMoney('amount', '-5.00', 'EUR'));
    const quantity = problemOf(() => parseQuantity('quantity', '-2'));
    expect([amount.code, quantity.code]).toEqual(['AMOUNT_NEGATIVE', 'QUANTITY_NEGATIVE']);
    expect(amount.message).toBe(`amount "-5.00" is negative; amounts are positive. A refund ${advice}`);
    expect(quantity.message).toBe(`quantity "-2" is negative; quantities are positive. A return ${advice}`);
  });
});
