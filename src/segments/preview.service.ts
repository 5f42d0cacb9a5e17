import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import { prepareFilter } from './segments.service.js';
import { storeNow } from '../settings/index.js';
import type { CustomerSummary } from './membership.repo.js';
import { approximateCustomerRows, countMatching, sampleBlocks } from './preview.repo.js';
import { estimateFromBlocks, samplePercent } from './sample-estimate.js';

type Db = Kysely<Database>;

/**
 * `exact` counts every customer; `estimate` counts a block sample of about
 * 40,000 customers and scales up, with a 95% interval; `auto` estimates only
 * where an exact count is not cheap (stores of 200,000 customers or more).
 */
export type PreviewCount = 'exact' | 'estimate' | 'auto';

export type SegmentPreview = {
  count: number; total: number; share: number; sample: CustomerSummary[]; seconds: number;
  /** True when count, total and share come from a sample; `interval` and `sampledCustomers` then say how good they are. */
  isEstimate: boolean;
  interval: { low: number; high: number; confidence: 0.95 } | null;
  sampledCustomers: number | null;
};

const estimateSampleSize = 40_000;
const cheapExactBelow = 200_000;
// A fixed seed: the same filter gets the same estimate while it is being edited.
const sampleSeed = 20_261_130;

async function shouldEstimate(db: Db, mode: PreviewCount, sampleCustomers: number, exactBelow: number): Promise<{ percent: number } | null> {
  if (mode === 'exact') return null;
  const rows = await approximateCustomerRows(db);
  if (mode === 'auto' && (rows === null || rows < exactBelow)) return null;
  return { percent: samplePercent(rows ?? 0, sampleCustomers) };
}

/** The count while a marketer edits a filter; nothing is stored. Exact unless asked otherwise. */
export type PreviewOptions = {
  clock: Clock;
  /** How many matching customers to list. */
  sampleSize?: number;
  count?: PreviewCount;
  /** About how many customers an estimate reads (tests use fewer). */
  estimateFrom?: number;
  /** With `auto`, stores with fewer customers than this are counted exactly (tests use fewer). */
  exactBelow?: number;
};

export async function previewSegment(db: Db, filter: unknown, options: PreviewOptions): Promise<SegmentPreview> {
  const started = performance.now();
  const estimate = await shouldEstimate(db, options.count ?? 'exact', options.estimateFrom ?? estimateSampleSize, options.exactBelow ?? cheapExactBelow);
  // an estimate looks facts up by key for its few sampled customers
  const { compiled } = await prepareFilter(db, filter, await storeNow(db, options.clock), { perCustomer: estimate !== null });
  const seconds = () => (performance.now() - started) / 1000;
  if (estimate) {
    const { blocks, customers } = await sampleBlocks(db, compiled, { percent: estimate.percent, seed: sampleSeed, limit: options.sampleSize ?? 0 });
    const result = estimateFromBlocks(blocks, estimate.percent / 100);
    return {
      count: result.count, total: result.total, share: result.share, sample: customers, seconds: seconds(),
      isEstimate: true, interval: { low: result.low, high: result.high, confidence: 0.95 }, sampledCustomers: result.sampledCustomers,
    };
  }
  const { count, total, sample } = await countMatching(db, compiled, options.sampleSize ?? 0);
  return { count, total, share: total === 0 ? 0 : count / total, sample, seconds: seconds(), isEstimate: false, interval: null, sampledCustomers: null };
}
