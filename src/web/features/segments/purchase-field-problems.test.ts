import { describe, expect, it } from 'vitest';
import { purchaseFieldProblems } from './purchase-field-problems.js';

describe('the purchase form\'s field problems', () => {
  it.each([
    [{ days: 'abc', atLeast: '1' }, { days: true, atLeast: false }],
    [{ days: '90', atLeast: '0' }, { days: false, atLeast: true }],
    [{ days: '-3', atLeast: '1.5' }, { days: true, atLeast: true }],
    [{ days: '', atLeast: '2' }, { days: false, atLeast: false }],
  ])('marks %o as %o', (numbers, expected) => {
    expect(purchaseFieldProblems({ category: '', ...numbers })).toEqual(expected);
  });
});
