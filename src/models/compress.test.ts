import { describe, expect, it } from 'vitest';
import { coarsenSpend, coarsenSummaries, compressCustomerSummaries, compressSpend, compressSummaries } from './compress.js';
import { mergeRows } from './merge-rows.js';
import { createRandom } from './random.js';
import { simulatePurchaseColumns } from './simulate.js';
import { buildSummaries } from './summaries.js';

const purchases = simulatePurchaseColumns(createRandom(5), { model: 'bgnbd', params: { r: 0.9, alpha: 40, a: 1, b: 7 } }, { customers: 3000, firstDay: 0, acquisitionDays: 365, endDay: 700, spend: { p: 6, q: 3.7, gamma: 15 } });

const rowsOf = (data: { rows: number; weight: Float64Array; frequency: Float64Array; recency: Float64Array; age: Float64Array }) =>
  Array.from({ length: data.rows }, (_, row) => `${data.frequency[row]}|${data.recency[row]}|${data.age[row]}|${data.weight[row]}`).sort();

describe('compression', () => {
  it.each(['day', 'week'] as const)('gives the same rows from whole days as from the real-valued columns (unit %s)', (unit) => {
    const summaries = buildSummaries(purchases, 700, unit);
    const fromDays = compressCustomerSummaries(summaries);
    const fromValues = compressSummaries(summaries);
    expect(fromDays.rows).toBeLessThan(summaries.count);
    expect(rowsOf(fromDays)).toEqual(rowsOf(fromValues));
    expect(fromDays.totalWeight).toBe(summaries.count);
    for (let i = 0; i < summaries.count; i++) {
      const row = fromDays.rowOfCustomer[i];
      expect([fromDays.frequency[row], fromDays.recency[row], fromDays.age[row]]).toEqual([summaries.frequency[i], summaries.recency[i], summaries.age[i]]);
      expect(fromDays.recencyLevels.values[fromDays.recencyLevels.index[row]]).toBe(summaries.recency[i]);
    }
  });

  it('groups rows by x in ascending order, then by T', () => {
    const data = compressCustomerSummaries(buildSummaries(purchases, 700, 'day'));
    for (let row = 1; row < data.rows; row++) {
      expect(data.frequency[row] > data.frequency[row - 1] || (data.frequency[row] === data.frequency[row - 1] && data.age[row] >= data.age[row - 1])).toBe(true);
    }
  });

  it('merges the same rows by buckets as by a radix sort', () => {
    const random = createRandom(9);
    const keys = [7, 300, 5000].map((count) => ({ count, index: Int32Array.from({ length: 20_000 }, () => Math.floor(random() * Math.min(count, 40))) }));
    const weights = Float64Array.from({ length: 20_000 }, () => 1 + Math.floor(random() * 3));
    const byBuckets = mergeRows(keys, weights, 20_000);
    // more buckets than the limit forces the radix-sort path
    const byRadix = mergeRows([{ ...keys[0], count: 1 << 12 }, { ...keys[1], count: 1 << 12 }, keys[2]], weights, 20_000);
    const describe = (merged: typeof byBuckets) => Array.from({ length: merged.rows }, (_, row) => `${merged.rowKeys.map((column) => column[row]).join(',')}:${merged.weight[row]}`).sort();
    expect(describe(byBuckets)).toEqual(describe(byRadix));
    for (let i = 0; i < 20_000; i += 97) for (let k = 0; k < 3; k++) expect(byBuckets.rowKeys[k][byBuckets.rowOf[i]]).toBe(keys[k].index[i]);
  });

  it('coarsens onto a grid with fewer rows, the same customers and t_x ≤ T', () => {
    const data = compressCustomerSummaries(buildSummaries(purchases, 700, 'day'));
    const coarse = coarsenSummaries(data, 16);
    expect(coarse.rows).toBeLessThan(data.rows / 2);
    expect(coarse.totalWeight).toBe(data.totalWeight);
    for (let row = 0; row < coarse.rows; row++) expect(coarse.recency[row]).toBeLessThanOrEqual(coarse.age[row]);
    const spend = compressSpend(buildSummaries(purchases, 700, 'day'));
    const coarseSpend = coarsenSpend(spend, 8);
    expect(coarseSpend.rows).toBeLessThan(spend.rows);
    expect(coarseSpend.totalWeight).toBe(spend.totalWeight);
  });
});
