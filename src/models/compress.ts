/**
 * Compressed sufficient statistics: customers with identical (x, t_x, T) have
 * identical likelihood terms, so the fit works on distinct rows with integer
 * weights and its cost grows with distinct rows, not customers. Each column
 * also gets its distinct values ("levels") so the likelihoods can evaluate
 * logarithms and log-gammas once per level instead of once per row.
 */
import { findIntegerLevels, findLevels, mergeRows, pick, sum, type KeyColumn, type Levels } from './merge-rows.js';
import { daysPerUnit, type CustomerSummaries } from './summaries.js';

export { findLevels, type Levels } from './merge-rows.js';

/** Rows are grouped by x, then T (both ascending); see mergeRows. */
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
  /** Per input customer, its distinct row: predictions are computed per row and spread back (empty for coarsened data). */
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

const keyOf = (levels: Levels): KeyColumn => ({ index: levels.index, count: levels.values.length });

/** Merges entries on their (x, T, t_x) levels; the row levels keep the entries' level values. */
function mergeSummaryLevels(frequency: Levels, recency: Levels, age: Levels, weights: Float64Array | undefined, length: number): CompressedSummaries {
  const { rows, weight, rowKeys, rowOf } = mergeRows([keyOf(frequency), keyOf(age), keyOf(recency)], weights, length);
  const frequencyLevels = { values: frequency.values, index: rowKeys[0] };
  const ageLevels = { values: age.values, index: rowKeys[1] };
  const recencyLevels = { values: recency.values, index: rowKeys[2] };
  return {
    rows,
    totalWeight: sum(weight),
    weight,
    frequency: pick(frequency.values, frequencyLevels.index),
    recency: pick(recency.values, recencyLevels.index),
    age: pick(age.values, ageLevels.index),
    frequencyLevels,
    recencyLevels,
    ageLevels,
    rowOfCustomer: rowOf,
  };
}

/** Compresses (x, t_x, T) for the BG/NBD and Pareto/NBD fits, from any real-valued columns. */
export function compressSummaries(
  summaries: { frequency: Float64Array; recency: Float64Array; age: Float64Array },
  weights?: Float64Array,
): CompressedSummaries {
  const length = summaries.frequency.length;
  return mergeSummaryLevels(findLevels(summaries.frequency), findLevels(summaries.recency), findLevels(summaries.age), weights, length);
}

/**
 * Compresses summaries built from purchase days. Recency and age are whole
 * numbers of days (lastDay − firstDay, calibrationEnd − firstDay), so the
 * levels come from counting over days instead of sorting floats; the level
 * values are the same floats the summaries hold.
 */
export function compressCustomerSummaries(summaries: CustomerSummaries): CompressedSummaries {
  const { count, firstDay, lastDay, calibrationEnd } = summaries;
  const recencyDays = new Int32Array(count);
  const ageDays = new Int32Array(count);
  let longest = 0;
  for (let i = 0; i < count; i++) {
    recencyDays[i] = lastDay[i] - firstDay[i];
    ageDays[i] = calibrationEnd - firstDay[i];
    if (ageDays[i] > longest) longest = ageDays[i];
  }
  const scale = 1 / daysPerUnit(summaries.unit);
  // the day columns become their level indices in place: fresh memory is the dearest part of this at 1M customers
  const recency = findIntegerLevels(recencyDays, longest, scale, recencyDays);
  const age = findIntegerLevels(ageDays, longest, scale, ageDays);
  return mergeSummaryLevels(findLevels(summaries.frequency), recency, age, undefined, count);
}

/** Above this many rows a fit starts on coarsened data (fitByMaximumLikelihood's `coarseLogLikelihood`). */
export const coarseFitRows = 20_000;
/** Grid steps over the longest age for the coarse start: ~16k rows for 1M customers over three years of days. */
export const coarseBins = 32;

/**
 * Rounds t_x and T to a grid of `bins` steps over the longest age and merges
 * again: a much smaller data set whose maximum-likelihood estimate and
 * curvature are close to the full one's, so a fit can start from it and
 * finish on the full rows in a few iterations. Rounding keeps t_x ≤ T.
 * Weights add up in a dense (x, T bin, t_x bin) table: no per-row arrays.
 */
export function coarsenSummaries(data: CompressedSummaries, bins: number): CompressedSummaries {
  const ages = data.ageLevels.values;
  const longest = ages.length > 0 ? ages[ages.length - 1] : 0;
  const frequencyCount = data.frequencyLevels.values.length;
  const side = bins + 1;
  if (!(longest > 0) || frequencyCount * side * side > denseCoarseCells) return data;
  const step = longest / bins;
  const binOfLevel = (levels: Levels): Int32Array => Int32Array.from(levels.values, (value) => Math.min(bins, Math.round(value / step)));
  const recencyBin = binOfLevel(data.recencyLevels);
  const ageBin = binOfLevel(data.ageLevels);
  const cells = new Float64Array(frequencyCount * side * side);
  const frequencyIndex = data.frequencyLevels.index;
  const recencyIndex = data.recencyLevels.index;
  const ageIndex = data.ageLevels.index;
  for (let row = 0; row < data.rows; row++) {
    cells[(frequencyIndex[row] * side + ageBin[ageIndex[row]]) * side + recencyBin[recencyIndex[row]]] += data.weight[row];
  }
  let rows = 0;
  for (let cell = 0; cell < cells.length; cell++) if (cells[cell] > 0) rows++;
  const frequencyLevel = new Int32Array(rows);
  const ageLevel = new Int32Array(rows);
  const recencyLevel = new Int32Array(rows);
  const weight = new Float64Array(rows);
  rows = 0;
  for (let cell = 0; cell < cells.length; cell++) {
    if (!(cells[cell] > 0)) continue;
    frequencyLevel[rows] = Math.floor(cell / (side * side));
    ageLevel[rows] = Math.floor(cell / side) % side;
    recencyLevel[rows] = cell % side;
    weight[rows++] = cells[cell];
  }
  const grid = Float64Array.from({ length: side }, (_, bin) => bin * step);
  return {
    rows,
    totalWeight: data.totalWeight,
    weight,
    frequency: pick(data.frequencyLevels.values, frequencyLevel),
    recency: pick(grid, recencyLevel),
    age: pick(grid, ageLevel),
    frequencyLevels: { values: data.frequencyLevels.values, index: frequencyLevel },
    recencyLevels: { values: grid, index: recencyLevel },
    ageLevels: { values: grid, index: ageLevel },
    rowOfCustomer: new Int32Array(0),
  };
}

/** Largest dense table coarsenSummaries fills (32 MiB of weights). */
const denseCoarseCells = 1 << 22;

/**
 * Compresses (x, m) for the Gamma-Gamma fit, keeping only customers with
 * repeat purchases (x > 0) and a positive mean value: the model's spend
 * density is zero at m = 0.
 */
export function compressSpend(summaries: { frequency: Float64Array; monetaryValue: Float64Array }): CompressedSpend {
  const { frequency: frequencies, monetaryValue: values } = summaries;
  let kept = 0;
  for (let i = 0; i < frequencies.length; i++) if (frequencies[i] > 0 && values[i] > 0) kept++;
  const keptIndex = new Int32Array(kept);
  kept = 0;
  for (let i = 0; i < frequencies.length; i++) if (frequencies[i] > 0 && values[i] > 0) keptIndex[kept++] = i;
  const frequencyLevels = findLevels(pick(frequencies, keptIndex));
  const valueLevels = findLevels(pick(values, keptIndex));
  const { rows, weight, rowKeys } = mergeRows([keyOf(frequencyLevels), keyOf(valueLevels)], undefined, kept);
  const rowFrequencyLevels = { values: frequencyLevels.values, index: rowKeys[0] };
  return {
    rows,
    totalWeight: sum(weight),
    weight,
    frequency: pick(frequencyLevels.values, rowFrequencyLevels.index),
    monetaryValue: pick(valueLevels.values, rowKeys[1]),
    frequencyLevels: rowFrequencyLevels,
  };
}

/** Steps per unit of ln m in the coarse spend data: m rounded to within ±0.4 %. */
export const coarseValueSteps = 128;

/**
 * Rounds ln m to a grid of 1/`steps` and merges again: the Gamma-Gamma
 * counterpart of coarsenSummaries, for a cheap first fit.
 */
export function coarsenSpend(data: CompressedSpend, steps: number): CompressedSpend {
  const bin = new Int32Array(data.rows);
  let lowest = Infinity;
  let highest = -Infinity;
  for (let row = 0; row < data.rows; row++) {
    bin[row] = Math.round(Math.log(data.monetaryValue[row]) * steps);
    lowest = Math.min(lowest, bin[row]);
    highest = Math.max(highest, bin[row]);
  }
  for (let row = 0; row < data.rows; row++) bin[row] -= lowest;
  const frequencyLevels = data.frequencyLevels;
  const { rows, weight, rowKeys } = mergeRows([keyOf(frequencyLevels), { index: bin, count: highest - lowest + 1 }], data.weight, data.rows);
  const rowFrequencyLevels = { values: frequencyLevels.values, index: rowKeys[0] };
  const monetaryValue = new Float64Array(rows);
  for (let row = 0; row < rows; row++) monetaryValue[row] = Math.exp((rowKeys[1][row] + lowest) / steps);
  return {
    rows,
    totalWeight: sum(weight),
    weight,
    frequency: pick(frequencyLevels.values, rowFrequencyLevels.index),
    monetaryValue,
    frequencyLevels: rowFrequencyLevels,
  };
}
