import { describe, expect, it } from 'vitest';
import { emptyRfmScores, quintileScore, scoreRfm } from './rfm.js';
import { rfmSegmentGrid, rfmSegmentNames, rfmSegmentOf } from './rfm-segments.js';

describe('quintileScore', () => {
  it('without ties, is the quintile of the position: 7 customers score 1, 1, 2, 3, 3, 4, 5', () => {
    expect(Array.from({ length: 7 }, (_, position) => quintileScore(position, 1, 7))).toEqual([1, 1, 2, 3, 3, 4, 5]);
    expect(Array.from({ length: 5 }, (_, position) => quintileScore(position, 1, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from({ length: 10 }, (_, position) => quintileScore(position, 1, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // too few customers for five fifths: the worst still 1, the best still 5
    expect(Array.from({ length: 3 }, (_, position) => quintileScore(position, 1, 3))).toEqual([1, 2, 5]);
  });
  it('gives tied customers the fifth their group begins in, so the worst value always scores 1', () => {
    // positions 0–5 of 10 tied: they begin in the first fifth
    expect(quintileScore(0, 6, 10)).toBe(1);
    // CDNOW: 12,054 of 23,570 bought on one day only; the two-day buyers begin at 51% → the third fifth
    expect(quintileScore(0, 12_054, 23_570)).toBe(1);
    expect(quintileScore(12_054, 4_040, 23_570)).toBe(3);
    // a group beginning exactly on a boundary takes the fifth above it: 2 of 10 before it → 2
    expect(quintileScore(2, 3, 10)).toBe(2);
  });
  it('gives the best value 5 however many share it, unless it is also the worst', () => {
    // 4 of 10 tied at the top begin in the fourth fifth, yet are the best there is
    expect(quintileScore(6, 4, 10)).toBe(5);
    expect(quintileScore(1, 99, 100)).toBe(5);
    // a whole store tied, or a single customer: nothing to rank against, the worst value
    expect(quintileScore(0, 40, 40)).toBe(1);
    expect(quintileScore(0, 1, 1)).toBe(1);
  });
});

describe('scoreRfm', () => {
  it('gives identical customers identical scores, whatever their ids', () => {
    const inputs = [1, 2, 3, 4, 5].map((customerId) => ({ customerId, recencyDays: 10, frequency: 2, monetaryMinor: 500 }));
    expect(scoreRfm(inputs).map((score) => [score.customerId, score.r, score.f, score.m, score.segment])).toEqual(
      [1, 2, 3, 4, 5].map((customerId) => [customerId, 1, 1, 1, 'Lost']));
    const reversed = scoreRfm([...inputs].reverse());
    expect(reversed.map((score) => [score.r, score.f, score.m])).toEqual(inputs.map(() => [1, 1, 1]));
  });

  it('scores recent, frequent, big spenders 5 and names the segments; the one-time buyers score F = 1', () => {
    const inputs = [
      { customerId: 1, recencyDays: 2, frequency: 9, monetaryMinor: 900 },
      { customerId: 2, recencyDays: 5, frequency: 1, monetaryMinor: 50 },
      { customerId: 3, recencyDays: 40, frequency: 4, monetaryMinor: 300 },
      { customerId: 4, recencyDays: 200, frequency: 6, monetaryMinor: 700 },
      { customerId: 5, recencyDays: 300, frequency: 1, monetaryMinor: 20 },
    ];
    // F: customers 2 and 5 take positions 0–1 of 5 and begin in the first fifth → 1; customer 3 begins at 2 of 5 → 3
    expect(scoreRfm(inputs).map((score) => [score.r, score.f, score.m, score.segment])).toEqual([
      [5, 5, 5, 'Champions'], [4, 1, 2, 'Promising'], [3, 3, 3, 'Need attention'], [2, 4, 4, 'At risk'], [1, 1, 1, 'Lost'],
    ]);
  });

  it('a tie across quintile boundaries moves as one: 6 of 10 one-time buyers all score 1, the next begins in the third fifth', () => {
    const inputs = Array.from({ length: 10 }, (_, index) => ({ customerId: index + 1, recencyDays: 10, frequency: index < 6 ? 1 : index, monetaryMinor: 100 }));
    // tied positions 0–5 begin at 0 → 1; positions 6, 7, 8 → 5 · 6/10 = 3 → 4, 5 · 7/10 = 3.5 → 4, 5 · 8/10 = 4 → 5; the best → 5
    expect(scoreRfm(inputs).map((score) => score.f)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  it('a tie at the top still scores 5: 6 of 10 who bought today are the most recent', () => {
    const inputs = Array.from({ length: 10 }, (_, index) => ({ customerId: index + 1, recencyDays: index < 6 ? 0 : 10 * index, frequency: 1, monetaryMinor: 100 }));
    // positions from worst: days 90 … 60 take 0–3 → 1, 1, 2, 2; today's six begin at 4 (the third fifth) but are the best
    expect(scoreRfm(inputs).map((score) => score.r)).toEqual([5, 5, 5, 5, 5, 5, 2, 2, 1, 1]);
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

describe('emptyRfmScores', () => {
  it('finds the score a tied group skipped, from scoring to the grid', () => {
    // 10 customers: 6 bought once (positions 0–5, F = 1), then one each with 2…5 purchase days (F = 4, 4, 5, 5)
    const inputs = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5].map((frequency, index) => ({ customerId: index + 1, recencyDays: index, frequency, monetaryMinor: index }));
    const scores = scoreRfm(inputs);
    const counts = new Map<string, number>();
    for (const score of scores) counts.set(`${score.r}:${score.f}`, (counts.get(`${score.r}:${score.f}`) ?? 0) + 1);
    const grid = [...counts].map(([key, customers]) => ({ r: Number(key.split(':')[0]), f: Number(key.split(':')[1]), customers }));
    expect(emptyRfmScores(grid)).toEqual({ recency: [], frequency: [2, 3] });
    // a cell listed with no customers holds nothing
    expect(emptyRfmScores([{ r: 1, f: 1, customers: 3 }, { r: 2, f: 2, customers: 0 }])).toEqual({ recency: [2, 3, 4, 5], frequency: [2, 3, 4, 5] });
  });
});
