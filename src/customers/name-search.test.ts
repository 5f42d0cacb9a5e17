import { describe, expect, it } from 'vitest';
import { foldAccents, nameWordsQuery } from './name-search.js';

describe('nameWordsQuery', () => {
  it.each([
    ['Gunawan', `'Gunawan':*`],
    ['  joko   gun ', `'joko':* & 'gun':*`],
    ['PT Sinar Harapan 708, Tbk', `'PT':* & 'Sinar':* & 'Harapan':* & '708':* & 'Tbk':*`],
    ['joko.gunawan', `'joko':* & 'gunawan':*`],
    ["O'Brien", `'OBrien':*`],
    ['d’Artagnan ʼAkala `Ali', `'dArtagnan':* & 'Akala':* & 'Ali':*`],
    ['Mary-Jane', `'Mary':* & 'Jane':*`],
    ['Đặng Văn Lâm', `'Đặng':* & 'Văn':* & 'Lâm':*`],
    ['王小明', `'王小明':*`],
  ])('makes each word of %j a prefix that must match: %j', (text, expected) => {
    expect(nameWordsQuery(text)).toBe(expected);
  });

  it.each([
    ['a & b | !c:*', `'a':* & 'b':* & 'c':*`],
    ["sinar' | 'x", `'sinar':* & 'x':*`],
    ['gun<->joko', `'gun':* & 'joko':*`],
    ['(sinar):*B', `'sinar':* & 'B':*`],
    ['back\\slash', `'back':* & 'slash':*`],
    ["'); drop table customer; --", `'drop':* & 'table':* & 'customer':*`],
  ])('keeps only the words of %j, so no operator or quote reaches the query', (text, expected) => {
    expect(nameWordsQuery(text)).toBe(expected);
  });

  it.each(['', '   ', "'", '\\', '& | ! <-> :*', '--'])('has no query for %j, which holds no word', (text) => {
    expect(nameWordsQuery(text)).toBeNull();
  });
});

describe('foldAccents', () => {
  it.each([
    ['Jānis Bērziņš', 'Janis Berzins'],
    ['Đặng Văn Lâm', 'Dang Van Lam'],
    ['Łódź', 'Lodz'],
    ['Müller Ärzte', 'Muller Arzte'],
    ['Ja\u0304nis', 'Janis'],
    ['Joko Gunawan', 'Joko Gunawan'],
    ['Øyvind Ħal ı', 'Oyvind Hal i'],
    ['Иван 王小明 #1', 'Иван 王小明 #1'],
  ])('folds %j to %j', (text, expected) => {
    expect(foldAccents(text)).toBe(expected);
  });
});
