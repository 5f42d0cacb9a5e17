import { describe, expect, it } from 'vitest';
import { parseCustomerNumber } from './customer-number.js';

describe('parseCustomerNumber', () => {
  it('reads digits, spaces around them allowed', () => {
    expect(parseCustomerNumber('926')).toEqual({ id: 926, problem: null });
    expect(parseCustomerNumber(' 2319 ')).toEqual({ id: 2319, problem: null });
  });

  it('says a number is missing when nothing was typed', () => {
    expect(parseCustomerNumber('  ')).toEqual({ id: null, problem: 'missing' });
  });

  it('refuses what is not a customer number: words, signs, the "No." the app writes before one, zero, too many digits', () => {
    for (const text of ['abc', '-5', 'No. 926', '9.5', '0', '99999999999999999999']) expect(parseCustomerNumber(text)).toEqual({ id: null, problem: 'notNumber' });
  });
});
