/**
 * Mean silhouette width (Rousseeuw 1987, J. Comput. Appl. Math. 20:53–65):
 * for each point, (b − a) / max(a, b) with a the mean distance to its own
 * cluster and b the smallest mean distance to another cluster. Euclidean
 * distance; points alone in their cluster score 0. O(n²): pass a sample.
 */
export function silhouetteScore(points: readonly number[][], labels: readonly number[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const k = Math.max(...labels) + 1;
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label] += 1;
  if (sizes.filter((size) => size > 0).length < 2) return 0;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const a = points[i];
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const b = points[j];
      let squared = 0;
      for (let d = 0; d < a.length; d++) {
        const difference = a[d] - b[d];
        squared += difference * difference;
      }
      sums[labels[j]] += Math.sqrt(squared);
    }
    const own = labels[i];
    if (sizes[own] <= 1) continue;
    const within = sums[own] / (sizes[own] - 1);
    let nearest = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) nearest = Math.min(nearest, sums[c] / sizes[c]);
    total += (nearest - within) / Math.max(within, nearest);
  }
  return total / n;
}

const pairs = (count: number) => (count * (count - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie 1985, J. Classification 2:193–218,
 * eq. 5): agreement of two partitions corrected for chance; 1 is identical,
 * about 0 is random. Label values need not match between the partitions.
 */
export function adjustedRandIndex(first: readonly (string | number)[], second: readonly (string | number)[]): number {
  if (first.length !== second.length) throw new RangeError('partitions must label the same items');
  const n = first.length;
  const table = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const columns = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${first[i]}\u0000${second[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(first[i], (rows.get(first[i]) ?? 0) + 1);
    columns.set(second[i], (columns.get(second[i]) ?? 0) + 1);
  }
  const index = [...table.values()].reduce((sum, count) => sum + pairs(count), 0);
  const rowPairs = [...rows.values()].reduce((sum, count) => sum + pairs(count), 0);
  const columnPairs = [...columns.values()].reduce((sum, count) => sum + pairs(count), 0);
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}

export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) {
    const difference = a[d] - b[d];
    sum += difference * difference;
  }
  return sum;
}

/** Index of the nearest centroid and the (Euclidean) distance to it. */
export function nearestCentroid(point: readonly number[], centroids: readonly number[][]): { index: number; distance: number } {
  let index = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let c = 0; c < centroids.length; c++) {
    const distance = squaredDistance(point, centroids[c]);
    if (distance < best) {
      best = distance;
      index = c;
    }
  }
  return { index, distance: Math.sqrt(best) };
}
