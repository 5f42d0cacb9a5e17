import { describe, expect, it } from 'vitest';
import { parseCustomerNumber } from './customer-number.js';

describe('parseCustomerNumber', () => {
  it('reads digits, spaces around them allowed', () => {
    expect(parseCustomerNumber('926')).toEqual({ id: 926, problem: null });
    expect(parseCustomerNumber(' 2319 ')).toEqual({ id: 2319, problem: null });
  });

  it('reads the number as the app writes it in each language and as people write it: "No. 3298", "Nr. 3298", "#3298"', () => {
    for (const text of ['No. 3298', 'no.3298', 'No 3298', 'Nr. 3298', 'nr 3298', '#3298', '# 3298', ' No. 3298 ']) expect(parseCustomerNumber(text)).toEqual({ id: 3298, problem: null });
  });

  it('says a number is missing when nothing was typed', () => {
    expect(parseCustomerNumber('  ')).toEqual({ id: null, problem: 'missing' });
  });

  it('refuses what is not a customer number: words, signs, a prefix alone, zero, too many digits', () => {
    for (const text of ['abc', '-5', 'No.', '#', 'No. -5', 'Nomor 926', '92 6', '9.5', '0', '99999999999999999999']) expect(parseCustomerNumber(text)).toEqual({ id: null, problem: 'notNumber' });
  });
});
