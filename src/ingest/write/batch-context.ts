import { AppError } from '../../core/errors.js';
import { minorUnitsOf } from '../../core/money.js';
import type { Reject } from '../canonical.js';
import type { StubJoinRecord } from './join-stubs.js';
import type { OrderCounts } from './order-counts.js';
import type { LinesOf } from './row-place.js';

/** What one batch write needs to know besides its rows. */
export type WriteContext = {
  importId: number;
  file: string;
  /** Whether rows' lines are the file's or places in an API batch, for the reasons that name another row (row-place.ts). */
  linesOf: LinesOf;
  /**
   * Where the sender names the source its rows are read under, for reasons that tell it to name
   * another: a file import's --source (the CLI), or the "source" field of an API request.
   */
  sourceSetIn: 'option' | 'request';
  currency: string;
  timeZone: string;
  /** Units of store currency per unit of each other currency. */
  rates: ReadonlyMap<string, number>;
  /**
   * Set by the first batch that met an order already stored; a file's later
   * batches then skip stored orders from the start (see insertNewOrders).
   */
  storedOrdersMet?: boolean;
  /** Whether the store holds a credit note: asked once per import, set by the first batch that writes one (write-orders.ts). */
  creditNotesStored?: boolean;
  /**
   * Set for an import of several batches (a file import, an open API run): an order's lines an
   * earlier import stored beyond the last this import has restated so far may be restated by a
   * later batch, as a basket's rows spread over the file are, so they are remembered
   * (deferred-stale-lines.repo.ts) and removed when the import completes (stale-lines.ts,
   * sweepDeferredStaleLines), not by the batch. Unset: removed by the batch. Orders and lines files alike.
   */
  defersStaleLines?: boolean;
  /**
   * Customers files: the file is the consent authority, so its yes replaces a stored no. Unset, a
   * refusal stands against a feed (its no and its yes over an unknown still apply), and is counted.
   */
  consentOverridesRefusals?: boolean;
};

/** Counts of rows (every row is one of inserted, updated, unchanged or rejected), and of orders beside them. */
export type BatchOutcome = {
  inserted: number;
  updated: number;
  unchanged: number;
  rejects: Reject[];
  /** Customers whose facts this batch changed: purchases, profile, lines, interest events (for keeping derived data current). */
  changedCustomerIds: number[];
  /** Stubs that customer rows joined (merged into the row's customer), in line order; customer files only. */
  joins?: StubJoinRecord[];
  /** Orders and lines files: the orders the batch named, each counted once (order-counts.ts). */
  orders?: OrderCounts;
  /**
   * Customers the batch created and kept: buyers and gift recipients an orders batch, and people an
   * events batch, did not know (less those of rows it then rejected), people a customers batch is
   * first to describe. A batch sent without the source its customers were imported with shows here.
   */
  createdCustomers: number;
  /**
   * Customers files: the consents (email, sms, profiling) a row said yes to that stayed no, as the
   * customer had refused them and the file was not the consent authority (consentOverridesRefusals).
   */
  consentRefusalsKept?: number;
  /**
   * Customers files that are the consent authority (consentOverridesRefusals): the consents a row
   * said yes to that replaced the customer's stored no, each counted (for the consent.override audit entry).
   */
  consentRefusalsOverridden?: number;
};

export const emptyOutcome = (): BatchOutcome => ({ inserted: 0, updated: 0, unchanged: 0, rejects: [], changedCustomerIds: [], createdCustomers: 0 });

/**
 * The factor that turns minor units of `currency` into minor units of the store
 * currency, or null when no rate is known (the row is then rejected, not guessed).
 */
export function amountFactor(currency: string, context: Pick<WriteContext, 'currency' | 'rates'>): number | null {
  if (currency === context.currency) return 1;
  const rate = context.rates.get(currency);
  if (rate === undefined) return null;
  return rate * 10 ** (minorUnitsOf(context.currency) - minorUnitsOf(currency));
}

/**
 * An amount in the store currency: every money value summed (order amounts,
 * refunds, discounts, line and product prices) is stored converted, so sums
 * never mix currencies; only an order's total keeps its own currency, for display.
 */
export function inStoreCurrency(minor: number, factor: number): number {
  return factor === 1 ? minor : Math.round(minor * factor);
}

/** Why a row in a currency without a rate is rejected. */
export function missingRate(currency: string, storeCurrency: string): Pick<Reject, 'code' | 'params' | 'reason'> {
  return { code: 'CURRENCY_RATE_MISSING', params: { currency, storeCurrency }, reason: missingRateReason(currency, storeCurrency) };
}

function missingRateReason(currency: string, storeCurrency: string): string {
  return `No exchange rate from ${currency} to the store currency ${storeCurrency}. Add one with \`clientele rates set ${currency} <rate>\` (or \`PUT /api/settings/rates/${currency}\`) and import again.`;
}

export function assertBatchLimit(size: number, limit = 50_000): void {
  if (size > limit) throw new AppError('INGEST_BATCH_TOO_LARGE', `A batch may hold at most ${limit} rows; got ${size}. Split it into smaller batches.`);
}
