import { describe, expect, it } from 'vitest';
import { customerNumberOf, externalIdVariants, orderIdVariants, pastedEmailOf } from './search-text.js';

describe('externalIdVariants', () => {
  it.each([
    ['LC1473828536', ['LC1473828536', 'lc1473828536']],
    ['lc 1473-828536', ['lc 1473-828536', 'LC 1473-828536']],
    ['Lc-1473-828536', ['Lc-1473-828536', 'LC-1473-828536', 'lc-1473-828536']],
    ['öz-12', ['öz-12', 'ÖZ-12']],
    ['5512', ['5512']],
  ])('tries %j as typed and in upper and lower case, its separators left to the folded comparison: %j', (text, expected) => {
    expect(externalIdVariants(text)).toEqual(expected);
  });
});

describe('orderIdVariants', () => {
  it('keeps the dashes of an order id and tries its cases', () => {
    expect(orderIdVariants('o744-88')).toEqual(['o744-88', 'O744-88']);
  });
});

describe('customerNumberOf', () => {
  it.each([['2033', '2033'], ['#2033', '2033'], ['No. 2033', '2033'], ['nr2033', '2033'], [' 2033 ', '2033']])('reads %j as customer number %s', (text, number) => {
    expect(customerNumberOf(text)).toBe(number);
  });

  it.each(['2033a', 'No. ', '# 2033', '1234567890123456'])('reads no customer number in %j', (text) => {
    expect(customerNumberOf(text)).toBeNull();
  });
});

describe('pastedEmailOf', () => {
  it.each([
    ['nimade.santoso@gmail.com.', 'nimade.santoso@gmail.com'],
    ['<nimade.santoso@gmail.com>', 'nimade.santoso@gmail.com'],
    ['Ni Made Santoso <nimade.santoso@gmail.com>', 'nimade.santoso@gmail.com'],
    ['"Santoso, Ni Made" <NiMade.Santoso@gmail.com>', 'NiMade.Santoso@gmail.com'],
    ['(ana@example.com),', 'ana@example.com'],
    ['\u201Cana@example.com\u201D', 'ana@example.com'],
    ['mailto:ana@example.com', 'ana@example.com'],
    [' ana@example.com?! ', 'ana@example.com'],
  ])('reads %j as the address %j', (text, address) => {
    expect(pastedEmailOf(text)).toBe(address);
  });

  it.each(['ana@example.com', 'Joko Gunawan', 'LC-1473.', '<ana@example>', 'ana@ example.com.', 'a <b@c.com> d'])('leaves %j to be searched as typed', (text) => {
    expect(pastedEmailOf(text)).toBeNull();
  });
});
