/**
 * Building blocks of compression: distinct values of a column ("levels") and
 * the merging of rows whose level indices are all equal. Everything works on
 * integer level indices with counting sorts, so no step sorts floats with a
 * comparator or builds string keys: O(rows + levels) per column.
 */

export type Levels = { values: Float64Array; index: Int32Array };

/** Largest integer column the counting path takes (a presence table of this size is cheap). */
const countingLimit = 1 << 22;

/** Distinct values of a column (ascending) and, per entry, the index of its value. */
export function findLevels(column: Float64Array): Levels {
  let isSmallInteger = true;
  let largest = 0;
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (!(value >= 0 && value < countingLimit && Math.floor(value) === value)) {
      isSmallInteger = false;
      break;
    }
    if (value > largest) largest = value;
  }
  return isSmallInteger ? findIntegerLevels(column, largest, 1) : findLevelsBySorting(column);
}

/**
 * Levels of a column of non-negative integers ≤ `largest` (counts of purchase
 * days, whole days), each level's value being the integer times `scale`:
 * the same expression the summaries computed, so the values are identical.
 */
export function findIntegerLevels(column: ArrayLike<number>, largest: number, scale: number, into = new Int32Array(column.length)): Levels {
  const levelOf = new Int32Array(largest + 1).fill(-1);
  for (let i = 0; i < column.length; i++) levelOf[column[i]] = 0;
  let distinct = 0;
  for (let value = 0; value <= largest; value++) if (levelOf[value] === 0) levelOf[value] = distinct++;
  const values = new Float64Array(distinct);
  for (let value = 0; value <= largest; value++) if (levelOf[value] >= 0) values[levelOf[value]] = value * scale;
  // `into` may be the column itself: each entry is read before it is written
  for (let i = 0; i < column.length; i++) into[i] = levelOf[column[i]];
  return { values, index: into };
}

function findLevelsBySorting(column: Float64Array): Levels {
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

/** An integer key column with values in [0, count). */
export type KeyColumn = { index: Int32Array; count: number };

export type MergedRows = {
  rows: number;
  weight: Float64Array;
  /** Per key column, each distinct row's level. */
  rowKeys: Int32Array[];
  /** Per source entry, its distinct row. */
  rowOf: Int32Array;
};

/** Largest number of buckets a counting sort or a stamp table gets (16 MiB of Int32). */
const bucketLimit = 1 << 22;

/**
 * Merges entries whose keys are all equal. The leading keys combine into one
 * bucket number (x, T for the summaries: ~10⁵ buckets), one stable counting
 * sort groups the entries by bucket, and within a bucket the last key is
 * deduplicated with a table stamped by bucket: a handful of passes over the
 * entries whatever their values. The scatter carries the last key along, so
 * later passes read in order (at a million entries random reads, cache misses,
 * cost more than the arithmetic). Rows come out grouped by the leading keys
 * in ascending order, then in order of first appearance of the last key.
 * When the buckets would not fit, a least-significant-first radix sort (one
 * counting sort per key) orders the entries instead.
 */
export function mergeRows(keys: KeyColumn[], weights: Float64Array | undefined, length: number): MergedRows {
  let buckets = 1;
  for (let k = 0; k < keys.length - 1; k++) buckets *= keys[k].count;
  const last = keys[keys.length - 1];
  return buckets <= bucketLimit && last.count <= bucketLimit ? mergeByBuckets(keys, buckets, weights, length) : mergeByRadixSort(keys, weights, length);
}

function mergeByBuckets(keys: KeyColumn[], buckets: number, weights: Float64Array | undefined, length: number): MergedRows {
  const last = keys[keys.length - 1];
  const bucket = new Int32Array(length);
  for (let k = 0; k < keys.length - 1; k++) {
    const { index, count } = keys[k];
    for (let i = 0; i < length; i++) bucket[i] = bucket[i] * count + index[i];
  }
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < length; i++) start[bucket[i] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const next = start.slice(0, buckets);
  const order = new Int32Array(length);
  const sortedValue = new Int32Array(length);
  const lastIndex = last.index;
  for (let i = 0; i < length; i++) {
    const position = next[bucket[i]]++;
    order[position] = i;
    sortedValue[position] = lastIndex[i];
  }
  const stamp = new Int32Array(last.count).fill(-1);
  const rowOfValue = new Int32Array(last.count);
  const rowBucket = new Int32Array(length);
  const rowValue = new Int32Array(length);
  const weight = new Float64Array(length);
  const rowOf = new Int32Array(length);
  let rows = 0;
  for (let b = 0; b < buckets; b++) {
    for (let position = start[b]; position < start[b + 1]; position++) {
      const value = sortedValue[position];
      if (stamp[value] !== b) {
        stamp[value] = b;
        rowOfValue[value] = rows;
        rowBucket[rows] = b;
        rowValue[rows++] = value;
      }
      const row = rowOfValue[value];
      const entry = order[position];
      rowOf[entry] = row;
      weight[row] += weights ? weights[entry] : 1;
    }
  }
  const rowKeys = keys.map(() => new Int32Array(rows));
  rowKeys[keys.length - 1].set(rowValue.subarray(0, rows));
  for (let k = keys.length - 2; k >= 0; k--) {
    const count = keys[k].count;
    const column = rowKeys[k];
    for (let row = 0; row < rows; row++) {
      column[row] = rowBucket[row] % count;
      rowBucket[row] = (rowBucket[row] - column[row]) / count;
    }
  }
  return { rows, weight: weight.subarray(0, rows), rowKeys, rowOf };
}

function mergeByRadixSort(keys: KeyColumn[], weights: Float64Array | undefined, length: number): MergedRows {
  let order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  let spare = new Int32Array(length);
  for (let k = keys.length - 1; k >= 0; k--) {
    sortByKey(order, spare, keys[k]);
    [order, spare] = [spare, order];
  }
  const rowOf = new Int32Array(length);
  // spare is free now: it collects the first entry of each distinct row
  const source = spare;
  let rows = 0;
  let previous = -1;
  for (let position = 0; position < length; position++) {
    const entry = order[position];
    if (previous < 0 || !hasEqualKeys(keys, entry, previous)) source[rows++] = entry;
    rowOf[entry] = rows - 1;
    previous = entry;
  }
  const weight = new Float64Array(rows);
  for (let i = 0; i < length; i++) weight[rowOf[i]] += weights ? weights[i] : 1;
  const firstEntries = source.subarray(0, rows);
  return { rows, weight, rowKeys: keys.map((key) => pick(key.index, firstEntries)), rowOf };
}

function hasEqualKeys(keys: KeyColumn[], first: number, second: number): boolean {
  for (let k = 0; k < keys.length; k++) if (keys[k].index[first] !== keys[k].index[second]) return false;
  return true;
}

/** Stable counting sort of `order` by one key column, into `output`. */
function sortByKey(order: Int32Array, output: Int32Array, key: KeyColumn): void {
  const start = new Int32Array(key.count + 1);
  const index = key.index;
  for (let i = 0; i < order.length; i++) start[index[order[i]] + 1]++;
  for (let level = 0; level < key.count; level++) start[level + 1] += start[level];
  for (let i = 0; i < order.length; i++) {
    const entry = order[i];
    output[start[index[entry]]++] = entry;
  }
}

/** Values of `column` at the given entries. */
export function pick<T extends Float64Array | Int32Array>(column: T, source: Int32Array): T {
  const result = new (column.constructor as new (length: number) => T)(source.length);
  for (let i = 0; i < source.length; i++) result[i] = column[source[i]];
  return result;
}

export function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
