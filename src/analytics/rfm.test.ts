import { describe, expect, it } from 'vitest';
import { quintileScore, scoreRfm } from './rfm.js';
import { rfmSegmentGrid, rfmSegmentNames, rfmSegmentOf } from './rfm-segments.js';

describe('quintileScore', () => {
  it('without ties, is the quintile of the position: 7 customers score 1, 2, 2, 3, 4, 4, 5', () => {
    expect(Array.from({ length: 7 }, (_, position) => quintileScore(position, 1, 7))).toEqual([1, 2, 2, 3, 4, 4, 5]);
    expect(Array.from({ length: 5 }, (_, position) => quintileScore(position, 1, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from({ length: 10 }, (_, position) => quintileScore(position, 1, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  it('gives tied customers the fifth the middle of their positions falls in', () => {
    // positions 0–5 of 10 tied: middle 3 of 10 → the second fifth
    expect(quintileScore(0, 6, 10)).toBe(2);
    // CDNOW: 12,054 of 23,570 bought on one day only
    expect(quintileScore(0, 12_054, 23_570)).toBe(2);
    // a whole store tied, or a single customer: the middle
    expect(quintileScore(0, 40, 40)).toBe(3);
    expect(quintileScore(0, 1, 1)).toBe(3);
  });
});

describe('scoreRfm', () => {
  it('gives identical customers identical scores, whatever their ids', () => {
    const inputs = [1, 2, 3, 4, 5].map((customerId) => ({ customerId, recencyDays: 10, frequency: 2, monetaryMinor: 500 }));
    expect(scoreRfm(inputs).map((score) => [score.customerId, score.r, score.f, score.m, score.segment])).toEqual(
      [1, 2, 3, 4, 5].map((customerId) => [customerId, 3, 3, 3, 'Need attention']));
    const reversed = scoreRfm([...inputs].reverse());
    expect(reversed.map((score) => [score.r, score.f, score.m])).toEqual(inputs.map(() => [3, 3, 3]));
  });

  it('scores recent, frequent, big spenders 5 and names the segments; the one-time buyers share F', () => {
    const inputs = [
      { customerId: 1, recencyDays: 2, frequency: 9, monetaryMinor: 900 },
      { customerId: 2, recencyDays: 5, frequency: 1, monetaryMinor: 50 },
      { customerId: 3, recencyDays: 40, frequency: 4, monetaryMinor: 300 },
      { customerId: 4, recencyDays: 200, frequency: 6, monetaryMinor: 700 },
      { customerId: 5, recencyDays: 300, frequency: 1, monetaryMinor: 20 },
    ];
    // F: customers 2 and 5 take positions 0–1 of 5, middle 1 of 5 → 2 (5 · 2 / 10 = 1, + 1)
    expect(scoreRfm(inputs).map((score) => [score.r, score.f, score.m, score.segment])).toEqual([
      [5, 5, 5, 'Champions'], [4, 2, 2, 'Potential loyalists'], [3, 3, 3, 'Need attention'], [2, 4, 4, 'At risk'], [1, 2, 1, 'Hibernating'],
    ]);
  });

  it('a tie across a quintile boundary moves as one: 3 of 10 tied at the bottom all score 1, the next score 2', () => {
    const inputs = Array.from({ length: 10 }, (_, index) => ({ customerId: index + 1, recencyDays: 10, frequency: index < 3 ? 1 : index, monetaryMinor: 100 }));
    // tied positions 0–2: middle 1.5 of 10 → 5 · 3 / 20 = 0.75 → 1; position 3: 5 · 7 / 20 = 1.75 → 2
    expect(scoreRfm(inputs).map((score) => score.f)).toEqual([1, 1, 1, 2, 3, 3, 4, 4, 5, 5]);
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
