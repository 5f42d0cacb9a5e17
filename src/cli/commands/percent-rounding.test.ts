import { describe, expect, it } from 'vitest';
import { percent } from './analytics-output.js';

// the CDNOW figures a reviewer found wrong: each share rounded once, from the exact ratio, half away from zero in decimal
describe('percent (the CLI reports\' shares)', () => {
  it.each([
    ['Loyal, 3,029 of 23,570 customers (12.851%)', 3029 / 23570, '12.9%'],
    ['Lapsed, of the revenue over 365 days (5.1504%)', 0.051504, '5.2%'],
    ['Lapsed, 14,742 of 23,570 customers (62.546%)', 14742 / 23570, '62.5%'],
    ['a decimal half written as the double below it (12.85%)', 0.1285, '12.9%'],
    ['a half away from zero below zero (-1.25%)', -0.0125, '-1.3%'],
    ['a whole share', 0.5, '50%'],
    ['nothing', 0, '0%'],
    ['6 of 23,570 customers', 6 / 23570, '<0.1%'],
    ['a share just reaching 0.1%', 0.0005, '0.1%'],
    ['a share past 1000% (no grouping)', 12.345, '1234.5%'],
  ])('writes %s as %s', (_name, share, expected) => {
    expect(percent(share)).toBe(expected);
  });
});
