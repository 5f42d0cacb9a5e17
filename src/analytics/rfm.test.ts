import { describe, expect, it } from 'vitest';
import { ntile, scoreRfm } from './rfm.js';
import { rfmSegmentGrid, rfmSegmentNames, rfmSegmentOf } from './rfm-segments.js';

describe('ntile', () => {
  it('splits 7 items into quintiles of 2, 2, 1, 1, 1 like PostgreSQL', () => {
    expect(Array.from({ length: 7 }, (_, position) => ntile(position, 7))).toEqual([1, 1, 2, 2, 3, 4, 5]);
  });
  it('puts each of 3 items in its own group from the bottom', () => {
    expect([0, 1, 2].map((position) => ntile(position, 3))).toEqual([1, 2, 3]);
  });
});

describe('scoreRfm', () => {
  it('breaks ties by customer id: the lower id gets the higher score', () => {
    const inputs = [1, 2, 3, 4, 5].map((customerId) => ({ customerId, recencyDays: 10, frequency: 2, monetaryMinor: 500 }));
    const scores = scoreRfm(inputs);
    expect(scores.map((score) => [score.customerId, score.r, score.f, score.m])).toEqual([
      [1, 5, 5, 5], [2, 4, 4, 4], [3, 3, 3, 3], [4, 2, 2, 2], [5, 1, 1, 1],
    ]);
  });

  it('scores recent, frequent, big spenders 5 and names the segments (the tie at F=1 goes to the lower id)', () => {
    const inputs = [
      { customerId: 1, recencyDays: 2, frequency: 9, monetaryMinor: 900 },
      { customerId: 2, recencyDays: 5, frequency: 1, monetaryMinor: 50 },
      { customerId: 3, recencyDays: 40, frequency: 4, monetaryMinor: 300 },
      { customerId: 4, recencyDays: 200, frequency: 6, monetaryMinor: 700 },
      { customerId: 5, recencyDays: 300, frequency: 1, monetaryMinor: 20 },
    ];
    expect(scoreRfm(inputs).map((score) => [score.r, score.f, score.m, score.segment])).toEqual([
      [5, 5, 5, 'Champions'], [4, 2, 2, 'Potential loyalists'], [3, 3, 3, 'Need attention'], [2, 4, 4, 'At risk'], [1, 1, 1, 'Lost'],
    ]);
  });
});

describe('rfm segments', () => {
  it('maps every R×F cell to one of the 11 names and uses all of them', () => {
    const used = new Set(rfmSegmentGrid().map((cell) => cell.segment));
    expect(rfmSegmentGrid()).toHaveLength(25);
    expect([...used].sort()).toEqual([...rfmSegmentNames].sort());
  });
  it.each([
    [5, 5, 'Champions'], [5, 1, 'New customers'], [4, 1, 'Promising'], [3, 3, 'Need attention'], [3, 2, 'About to sleep'],
    [2, 5, "Can't lose them"], [1, 3, 'At risk'], [1, 1, 'Lost'], [2, 1, 'Hibernating'], [4, 4, 'Loyal'], [4, 2, 'Potential loyalists'],
  ])('R=%i F=%i is %s', (r, f, segment) => {
    expect(rfmSegmentOf(r, f)).toBe(segment);
  });
});
