import { describe, expect, it } from 'vitest';
import { countNoun } from './count-noun.js';

describe('countNoun', () => {
  it.each([
    [0, 'customer', undefined, '0 customers'],
    [1, 'customer', undefined, '1 customer'],
    [2, 'row', undefined, '2 rows'],
    [23_570, 'customer', undefined, '23,570 customers'],
    [1, 'customer overdue', 'customers overdue', '1 customer overdue'],
    [3, 'customer overdue', 'customers overdue', '3 customers overdue'],
  ] as const)('writes %d %s as "%s"', (count, one, other, expected) => {
    expect(countNoun(count, one, other)).toBe(expected);
  });
});
