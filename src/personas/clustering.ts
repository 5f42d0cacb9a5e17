import { kmeans } from 'ml-kmeans';
import { nearestCentroid, silhouetteScore, squaredDistance } from './cluster-quality.js';
import { defaultLargestK } from './discovery-minimum.js';

export type ClusterCandidate = { k: number; silhouette: number; inertia: number };
export type Clustering = { k: number; labels: number[]; centroids: number[][]; silhouette: number; candidates: ClusterCandidate[] };
export type ClusteringOptions = { kMin?: number; kMax?: number; k?: number; seed: number; restarts?: number; silhouetteSample?: number; selectionSample?: number };

/** A small seeded generator (mulberry32) so sampling repeats exactly for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleIndexes(n: number, size: number, random: () => number): number[] {
  const indexes = Array.from({ length: n }, (_, index) => index);
  if (n <= size) return indexes;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
  }
  return indexes.slice(0, size);
}

/** k-means++ (ml-kmeans), best of a few seeded restarts by within-cluster sum of squares. */
export function fitKMeans(points: number[][], k: number, seed: number, restarts = 3): { labels: number[]; centroids: number[][]; inertia: number } {
  let best: { labels: number[]; centroids: number[][]; inertia: number } | null = null;
  for (let restart = 0; restart < restarts; restart++) {
    const result = kmeans(points, k, { initialization: 'kmeans++', seed: seed + restart * 7919, maxIterations: 100 });
    const inertia = points.reduce((sum, point, index) => sum + squaredDistance(point, result.centroids[result.clusters[index]]), 0);
    if (!best || inertia < best.inertia) best = { labels: result.clusters, centroids: result.centroids, inertia };
  }
  return best!;
}

/**
 * Fits k-means for each k in [kMin, kMax] (or the given k) and keeps the k with
 * the highest mean silhouette. The scan over k runs on a subsample (10 000 by
 * default) and the silhouette on a smaller one, because the silhouette is
 * quadratic and seven fits on the full sample cost more than they tell; the
 * chosen k is then fitted on every point.
 */
export function chooseClusters(points: number[][], options: ClusteringOptions): Clustering {
  const kMin = options.k ?? options.kMin ?? 2;
  const kMax = Math.min(options.k ?? options.kMax ?? defaultLargestK, points.length - 1);
  const restarts = options.restarts ?? 3;
  const random = seededRandom(options.seed);
  const selection = sampleIndexes(points.length, options.selectionSample ?? 10_000, random).map((index) => points[index]);
  const subsample = sampleIndexes(selection.length, options.silhouetteSample ?? 2000, random);
  const subsamplePoints = subsample.map((index) => selection[index]);
  const candidates: ClusterCandidate[] = [];
  let best: { k: number; silhouette: number; fit: ReturnType<typeof fitKMeans> } | null = null;
  for (let k = kMin; k <= kMax; k++) {
    const fit = fitKMeans(selection, k, options.seed, restarts);
    const silhouette = silhouetteScore(subsamplePoints, subsample.map((index) => fit.labels[index]));
    candidates.push({ k, silhouette, inertia: fit.inertia });
    if (!best || silhouette > best.silhouette) best = { k, silhouette, fit };
  }
  if (!best) throw new RangeError('not enough points to cluster');
  const final = selection.length === points.length ? best.fit : fitKMeans(points, best.k, options.seed, restarts);
  return { k: best.k, labels: final.labels, centroids: final.centroids, silhouette: best.silhouette, candidates };
}

/** Labels every point by its nearest centroid. */
export function labelPoints(points: number[][], centroids: number[][]): number[] {
  return points.map((point) => nearestCentroid(point, centroids).index);
}
