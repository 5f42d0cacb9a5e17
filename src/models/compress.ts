/**
 * Compressed sufficient statistics: customers with identical (x, t_x, T) have
 * identical likelihood terms, so the fit works on distinct rows with integer
 * weights and its cost grows with distinct rows, not customers. Each column
 * also gets its distinct values ("levels") so the likelihoods can evaluate
 * logarithms and log-gammas once per level instead of once per row.
 */

export type Levels = { values: Float64Array; index: Int32Array };

export type CompressedSummaries = {
  rows: number;
  totalWeight: number;
  weight: Float64Array;
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  frequencyLevels: Levels;
  recencyLevels: Levels;
  ageLevels: Levels;
  /** Per input customer, its distinct row: predictions are computed per row and spread back. */
  rowOfCustomer: Int32Array;
};

export type CompressedSpend = {
  rows: number;
  totalWeight: number;
  weight: Float64Array;
  frequency: Float64Array;
  monetaryValue: Float64Array;
  frequencyLevels: Levels;
};

/** Distinct values of a column (ascending) and, per entry, the index of its value. */
export function findLevels(column: Float64Array): Levels {
  const sorted = Float64Array.from(column).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  const values = sorted.slice(0, distinct);
  const index = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) index[i] = binarySearch(values, column[i]);
  return { values, index };
}

function binarySearch(values: Float64Array, value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Merges rows whose level indices are all equal; returns, per distinct row,
 * the first source row and the summed weight.
 */
function mergeRows(levelColumns: Levels[], weights: Float64Array | undefined, length: number): { source: Int32Array; weight: Float64Array; rowOf: Int32Array } {
  const keys = new Float64Array(length);
  let capacity = 1;
  for (const column of levelColumns) capacity *= column.values.length;
  if (capacity > Number.MAX_SAFE_INTEGER) throw new Error('too many distinct values to compress');
  for (let i = 0; i < length; i++) {
    let key = 0;
    for (const column of levelColumns) key = key * column.values.length + column.index[i];
    keys[i] = key;
  }
  // native typed-array sort (no comparator) then a binary search per row: much
  // faster than sorting row numbers with a comparator or a Map for a million rows
  const distinct = findLevels(keys);
  const rows = distinct.values.length;
  const source = new Int32Array(rows).fill(-1);
  const weight = new Float64Array(rows);
  for (let i = 0; i < length; i++) {
    const row = distinct.index[i];
    if (source[row] < 0) source[row] = i;
    weight[row] += weights ? weights[i] : 1;
  }
  return { source, weight, rowOf: distinct.index };
}

function pick(column: Float64Array, source: Int32Array): Float64Array {
  const result = new Float64Array(source.length);
  for (let i = 0; i < source.length; i++) result[i] = column[source[i]];
  return result;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Compresses (x, t_x, T) for the BG/NBD and Pareto/NBD fits. */
export function compressSummaries(
  summaries: { frequency: Float64Array; recency: Float64Array; age: Float64Array },
  weights?: Float64Array,
): CompressedSummaries {
  const length = summaries.frequency.length;
  const { source, weight, rowOf } = mergeRows(
    [findLevels(summaries.frequency), findLevels(summaries.recency), findLevels(summaries.age)],
    weights,
    length,
  );
  const frequency = pick(summaries.frequency, source);
  const recency = pick(summaries.recency, source);
  const age = pick(summaries.age, source);
  return {
    rows: source.length,
    totalWeight: sum(weight),
    weight,
    frequency,
    recency,
    age,
    frequencyLevels: findLevels(frequency),
    recencyLevels: findLevels(recency),
    ageLevels: findLevels(age),
    rowOfCustomer: rowOf,
  };
}

/**
 * Compresses (x, m) for the Gamma-Gamma fit, keeping only customers with
 * repeat purchases (x > 0) and a positive mean value: the model's spend
 * density is zero at m = 0.
 */
export function compressSpend(summaries: { frequency: Float64Array; monetaryValue: Float64Array }): CompressedSpend {
  const kept: number[] = [];
  for (let i = 0; i < summaries.frequency.length; i++) if (summaries.frequency[i] > 0 && summaries.monetaryValue[i] > 0) kept.push(i);
  const keptIndex = Int32Array.from(kept);
  const frequencyAll = pick(summaries.frequency, keptIndex);
  const valueAll = pick(summaries.monetaryValue, keptIndex);
  const { source, weight } = mergeRows([findLevels(frequencyAll), findLevels(valueAll)], undefined, keptIndex.length);
  const frequency = pick(frequencyAll, source);
  return {
    rows: source.length,
    totalWeight: sum(weight),
    weight,
    frequency,
    monetaryValue: pick(valueAll, source),
    frequencyLevels: findLevels(frequency),
  };
}
