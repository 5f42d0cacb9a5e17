import { describe, expect, it } from 'vitest';
import { isRangeError, purchaseFieldProblems } from './purchase-field-problems.js';

describe('the purchase form\'s field problems', () => {
  it.each([
    [{ days: 'abc', atLeast: '1' }, { days: true, atLeast: false }],
    [{ days: '90', atLeast: '0' }, { days: false, atLeast: true }],
    [{ days: '-3', atLeast: '1.5' }, { days: true, atLeast: true }],
    [{ days: '', atLeast: '2' }, { days: false, atLeast: false }],
  ])('marks %o as %o', (numbers, expected) => {
    expect(purchaseFieldProblems({ category: '', ...numbers })).toEqual({ ...expected, from: false, last: false });
  });

  it.each([
    [{ from: '', last: '2025-12-13' }, { from: true, last: false }],
    [{ from: '2025-12-12', last: '' }, { from: false, last: true }],
    [{ from: '2025-12-14', last: '2025-12-13' }, { from: true, last: true }],
    [{ from: '2025-12-12', last: '2025-12-13' }, { from: false, last: false }],
  ])('marks the days %o of a range as %o, not the hidden "last … days"', (days, expected) => {
    const input = { category: '', days: 'abc', atLeast: '1', window: 'range' as const, ...days };
    const problems = purchaseFieldProblems(input);
    expect(problems).toEqual({ days: false, atLeast: false, ...expected });
    // an error about the two days is shown beside them
    expect(isRangeError(input, problems)).toBe(expected.from || expected.last);
  });

  it('shows a number\'s error below the form, as before', () => {
    const input = { category: '', days: 'abc', atLeast: '1' };
    expect(isRangeError(input, purchaseFieldProblems(input))).toBe(false);
  });
});
