import { findLevels, type CompressedSummaries } from '../../src/models/compress.js';

/** One row per customer with weight 1: the layout a fit without compression sees. */
export function toUncompressedRows(summaries: { frequency: Float64Array; recency: Float64Array; age: Float64Array }): CompressedSummaries {
  const rows = summaries.frequency.length;
  return {
    rows,
    totalWeight: rows,
    weight: new Float64Array(rows).fill(1),
    frequency: summaries.frequency,
    recency: summaries.recency,
    age: summaries.age,
    frequencyLevels: findLevels(summaries.frequency),
    recencyLevels: findLevels(summaries.recency),
    ageLevels: findLevels(summaries.age),
    rowOfCustomer: Int32Array.from({ length: rows }, (_, i) => i),
  };
}
