import type { Reject } from '../ingest/canonical.js';
import type { RejectCode } from '../ingest/reject-codes.js';

/** Rows of a data set's file that were not loaded for one reason, and why. */
export type RejectedRows = {
  code: string;
  rows: number;
  /** Why, in words: the data set's own explanation, else the first such row's reason. */
  why: string;
  /** The data set holds such rows (its README says so): a load that rejects them is right. */
  isExpected: boolean;
};

/**
 * Explains a run's reject counts by code with what the data set is known to
 * hold (`expected`, e.g. UCI's sales without a customer); a code the data set
 * does not explain is a surprise, told with the first such row's reason when
 * the sample holds one.
 */
export function explainRejects(
  counts: ReadonlyArray<{ code: string; rows: number }>, expected: Partial<Record<RejectCode, string>>, sample: readonly Reject[],
): RejectedRows[] {
  return counts.map(({ code, rows }) => {
    const explanation = expected[code as RejectCode];
    if (explanation) return { code, rows, why: explanation, isExpected: true };
    const example = sample.find((reject) => reject.code === code);
    return { code, rows, why: example ? `e.g. line ${example.line}: ${example.reason}` : 'not expected from this data set', isExpected: false };
  });
}
