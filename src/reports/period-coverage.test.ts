import { describe, expect, it } from 'vitest';
import { coverageOf, periodEndOf } from './period-coverage.js';

describe('coverageOf', () => {
  const range = { from: '1997-07-01', to: '1998-07-01' };
  it.each([
    ['a week the range starts inside (Monday 30 June, range from Tuesday 1 July)', '1997-06-30', 'week', null, { from: '1997-07-01', to: '1997-07-07', isPartial: true }],
    ['a whole week', '1997-07-07', 'week', null, { from: '1997-07-07', to: '1997-07-14', isPartial: false }],
    ['a week the range ends inside (data to Tuesday 30 June 1998)', '1998-06-29', 'week', null, { from: '1998-06-29', to: '1998-07-01', isPartial: true }],
    ['a whole month', '1998-02-01', 'month', null, { from: '1998-02-01', to: '1998-03-01', isPartial: false }],
    ['a whole day', '1998-06-30', 'day', null, { from: '1998-06-30', to: '1998-07-01', isPartial: false }],
    ['a whole month holding today, not over yet', '1998-06-01', 'month', '1998-06-30', { from: '1998-06-01', to: '1998-07-01', isPartial: true }],
    ['a month before today', '1998-05-01', 'month', '1998-06-30', { from: '1998-05-01', to: '1998-06-01', isPartial: false }],
  ] as const)('marks %s', (_, start, granularity, dayUnderWay, expected) => {
    expect(coverageOf(start, granularity, range, dayUnderWay)).toEqual(expected);
  });

  it('ends a month on the first of the next, December included', () => {
    expect([periodEndOf('1997-12-01', 'month'), periodEndOf('1998-01-01', 'month'), periodEndOf('1998-02-01', 'month')]).toEqual(['1998-01-01', '1998-02-01', '1998-03-01']);
  });
});
