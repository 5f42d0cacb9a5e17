/**
 * How many buyers a persona discovery needs. k-means over a handful of buyers
 * makes "personas" of one or two people each; asking for three buyers per
 * cluster tried (and never fewer than 20) keeps every persona a group. The
 * same number refuses a discovery (discover.service.ts) and is shown in
 * advance (GET /personas), so the two cannot disagree.
 */

/** The largest k a discovery tries when the caller names no k or kMax (clustering.ts reads it too). */
export const defaultLargestK = 8;

export function minimumBuyersForDiscovery(options: { k?: number; kMax?: number } = {}): number {
  return Math.max(20, 3 * (options.k ?? options.kMax ?? defaultLargestK));
}
