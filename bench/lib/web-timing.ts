import { median } from './models-timing.js';

/** Best and median of repeated timings: the machine is shared, so the best is the fairest single figure. */
export type Summary = { best: number; median: number; runs: number };

export function summarise(values: number[]): Summary {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return { best: Number.NaN, median: Number.NaN, runs: 0 };
  return { best: finite[0], median: median(finite), runs: finite.length };
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

export const formatSummary = (summary: Summary) => `${formatMs(summary.best)} / ${formatMs(summary.median)}`;

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}
