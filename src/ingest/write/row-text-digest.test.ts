import { describe, expect, it } from 'vitest';
import { compareRowText, digestRowText, digestsOfBatch } from './row-text-digest.js';

const first = { order_id: 'A1', customer_name: 'Ann', amount: '100', note: 'fragile' };

describe('a row compared with the digest of an earlier row', () => {
  it.each([
    ['the same text in every column', first, { ...first }, { isSame: true }],
    ['its columns in another order (a JSON record)', first, { note: 'fragile', amount: '100', customer_name: 'Ann', order_id: 'A1' }, { isSame: true }],
    ['a column missing that the first row gave a value, naming it', first, { order_id: 'A1', customer_name: 'Ann', amount: '100' }, { isSame: false, column: 'note', hasOtherColumns: true }],
    ['a column the first row lacked given a value, naming it', { order_id: 'A1', amount: '1' }, { order_id: 'A1', amount: '1', note: 'dry' }, { isSame: false, column: 'note', hasOtherColumns: true }],
    ['a column empty where the first row lacked it', { order_id: 'A1', amount: '1' }, { order_id: 'A1', amount: '1', note: '' }, { isSame: true }],
    ['a column missing and another otherwise: the first in the earlier row is named', first, { order_id: 'A1', customer_name: 'Anna', amount: '100' }, { isSame: false, column: 'customer_name', hasOtherColumns: true }],
    ['a column missing where the first row left it empty', { order_id: 'A1', amount: '1', note: '' }, { order_id: 'A1', amount: '1' }, { isSame: true }],
    ['another name', first, { ...first, customer_name: 'Anna' }, { isSame: false, column: 'customer_name' }],
    ['a column no field reads emptied', first, { ...first, note: '' }, { isSame: false, column: 'note' }],
    ['the same amount written otherwise', first, { ...first, amount: '100.00' }, { isSame: false, column: 'amount' }],
    ['two columns otherwise: the first in the file is named', first, { ...first, amount: '90', note: 'dry' }, { isSame: false, column: 'amount' }],
    ['columns moved and one otherwise: which cannot be told', first, { note: 'dry', amount: '100', customer_name: 'Ann', order_id: 'A1' }, { isSame: false, column: null, hasOtherColumns: true }],
  ])('tells %s', (_, earlier, row, expected) => {
    expect(compareRowText(row, digestRowText(earlier))).toEqual(expected);
  });

  it('takes a null value for an empty one, as a repeat in one batch does', () => {
    expect(compareRowText({ ...first, note: null }, digestRowText({ ...first, note: '' }))).toEqual({ isSame: true });
  });

  it('gives different digests to texts split otherwise between columns', () => {
    expect(compareRowText({ a: 'xy', b: '' }, digestRowText({ a: 'x', b: 'y' })).isSame).toBe(false);
    expect(compareRowText({ a: 'y', b: 'x' }, digestRowText({ a: 'x', b: 'y' })).isSame).toBe(false);
  });

  it('keeps a batch\'s digests end to end, each read back as a slice, a shorter one padded', () => {
    const rows = [first, { order_id: 'A2', amount: '5' }, { ...first, order_id: 'A3' }];
    const { width, digests } = digestsOfBatch(rows);
    expect(digests.length).toBe(3 * width);
    const slice = (index: number) => digests.subarray(index * width, (index + 1) * width);
    expect(rows.map((row, index) => compareRowText(row, slice(index)))).toEqual([{ isSame: true }, { isSame: true }, { isSame: true }]);
    expect(compareRowText({ order_id: 'A2', amount: '6' }, slice(1))).toEqual({ isSame: false, column: 'amount' });
    expect(compareRowText({ ...first, order_id: 'A1' }, slice(2))).toEqual({ isSame: false, column: 'order_id' });
  });
});
