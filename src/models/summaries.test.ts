import { describe, expect, it } from 'vitest';
import { dayNumberOf, loadCdnowPurchases, loadCdnowSummary } from '../../test/fixtures/models/load-cdnow.js';
import { buildSummaries, countHoldoutPurchases } from './summaries.js';

const columns = (rows: [number, number, number][]) => ({
  customerIndex: Int32Array.from(rows, (row) => row[0]),
  day: Int32Array.from(rows, (row) => row[1]),
  amount: Float64Array.from(rows, (row) => row[2]),
});

describe('buildSummaries', () => {
  it('counts same-day purchases once and adds their values', () => {
    const summaries = buildSummaries(columns([[7, 0, 10], [7, 0, 5], [7, 3, 4], [7, 3, 6], [7, 10, 20]]), 14, 'day');
    expect(summaries.count).toBe(1);
    expect(summaries.frequency[0]).toBe(2);
    expect(summaries.recency[0]).toBe(10);
    expect(summaries.age[0]).toBe(14);
    expect([summaries.firstDay[0], summaries.lastDay[0]]).toEqual([0, 10]);
    // (4 + 6 + 20) / 2 repeat days; the first day's 15 is excluded
    expect(summaries.monetaryValue[0]).toBe(15);
  });

  it('counts zero-value purchases as purchases', () => {
    const summaries = buildSummaries(columns([[1, 0, 0], [1, 2, 0]]), 7, 'week');
    expect(summaries.frequency[0]).toBe(1);
    expect(summaries.recency[0]).toBeCloseTo(2 / 7, 12);
    expect(summaries.age[0]).toBe(1);
    expect(summaries.monetaryValue[0]).toBe(0);
  });

  it('ignores purchases after the calibration end and customers who start after it', () => {
    const summaries = buildSummaries(columns([[1, 0, 1], [1, 5, 1], [1, 20, 1], [2, 3, 1], [3, 30, 1], [4, 10, 1]]), 10, 'day');
    expect(Array.from(summaries.customerIndex)).toEqual([1, 2, 4]);
    expect(Array.from(summaries.frequency)).toEqual([1, 0, 0]);
    expect(Array.from(summaries.age)).toEqual([10, 7, 0]);
    const holdout = countHoldoutPurchases(columns([[1, 0, 1], [1, 5, 1], [1, 20, 1], [1, 20, 1], [2, 3, 1], [3, 30, 1], [4, 10, 1], [4, 12, 1]]), summaries, 25);
    expect(Array.from(holdout)).toEqual([1, 0, 1]);
  });

  it('rebuilds the published CDNOW calibration summary from the raw transactions', () => {
    const published = loadCdnowSummary();
    const summaries = buildSummaries(loadCdnowPurchases(), dayNumberOf('19970930'), 'week');
    expect(summaries.count).toBe(2357);
    for (let i = 0; i < summaries.count; i++) {
      expect(summaries.customerIndex[i]).toBe(published.id[i]);
      expect(summaries.frequency[i]).toBe(published.frequency[i]);
      // the published file is rounded to 2 decimals
      expect(Math.abs(summaries.recency[i] - published.recency[i])).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(summaries.age[i] - published.age[i])).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(summaries.monetaryValue[i] - published.monetaryValue[i])).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});
