/**
 * A segment's size estimated from a block sample of the customer table
 * (`TABLESAMPLE SYSTEM`: every table block is in the sample independently with
 * probability p). Pure.
 */
export type SampledBlock = { rows: number; matched: number };

export type CountEstimate = {
  count: number;
  total: number;
  share: number;
  /** A 95% interval for the count. */
  low: number;
  high: number;
  sampledCustomers: number;
};

const z95 = 1.959964;

/**
 * Horvitz–Thompson estimates under Poisson sampling of blocks (Horvitz &
 * Thompson 1952, J. Am. Stat. Assoc. 47(260), eq. 2; Särndal, Swensson &
 * Wretman 1992, Model Assisted Survey Sampling, §3.3): the count is
 * Σ m_b / p, with variance estimated by (1 − p) / p² · Σ m_b² over the sampled
 * blocks, which allows for customers of one block being alike. The share is
 * the ratio of matched to sampled customers. The interval's low end is never
 * below the matches actually seen.
 */
export function estimateFromBlocks(blocks: readonly SampledBlock[], fraction: number): CountEstimate {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`a sampling fraction is in (0, 1], got ${fraction}`);
  const rows = blocks.reduce((sum, block) => sum + block.rows, 0);
  const matched = blocks.reduce((sum, block) => sum + block.matched, 0);
  const variance = ((1 - fraction) / fraction ** 2) * blocks.reduce((sum, block) => sum + block.matched ** 2, 0);
  const count = matched / fraction;
  const margin = z95 * Math.sqrt(variance);
  return {
    count: Math.round(count),
    total: Math.round(rows / fraction),
    share: rows === 0 ? 0 : matched / rows,
    low: Math.max(matched, Math.floor(count - margin)),
    high: Math.ceil(count + margin),
    sampledCustomers: rows,
  };
}

/** The sampling percentage that looks at about `target` customers of `population` (all of them when it is small). */
export function samplePercent(population: number, target: number): number {
  if (population <= target) return 100;
  return Math.max(0.01, Math.min(100, (100 * target) / population));
}
