import { performance } from 'node:perf_hooks';

/**
 * Runs `run` `repeats` times and keeps the fastest run: on a shared machine
 * other jobs only ever add time, so the minimum is the best estimate of the
 * work itself. `run` gets a lap timer for a breakdown of the same run.
 */
export function timeBestOf<T>(repeats: number, run: (lap: (label: string) => void) => T): { seconds: number; laps: Record<string, number>; result: T; all: number[] } {
  let best: { seconds: number; laps: Record<string, number>; result: T } | null = null;
  const all: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const laps: Record<string, number> = {};
    const start = performance.now();
    let lapStart = start;
    const result = run((label) => {
      const now = performance.now();
      laps[label] = (now - lapStart) / 1000;
      lapStart = now;
    });
    const seconds = (performance.now() - start) / 1000;
    all.push(seconds);
    if (!best || seconds < best.seconds) best = { seconds, laps, result };
  }
  if (!best) throw new Error('repeats must be at least 1');
  return { ...best, all };
}

/** Same-run baseline: the time to sum a column once (memory bandwidth and machine load in one number). */
export function timeColumnSum(column: Int32Array, repeats: number): number {
  return timeBestOf(repeats, () => {
    let total = 0;
    for (let i = 0; i < column.length; i++) total += column[i];
    return total;
  }).seconds;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const formatSeconds = (seconds: number): string =>
  seconds < 0.001 ? `${(seconds * 1e6).toFixed(0)} µs` : seconds < 0.1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(2)} s`;

export const formatParams = (params: Record<string, number>): string =>
  Object.entries(params)
    .map(([name, value]) => `${name}=${value.toPrecision(6)}`)
    .join(' ');
