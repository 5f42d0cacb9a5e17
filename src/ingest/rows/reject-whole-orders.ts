import { orderKeyOf, type CanonicalOrder, type Reject } from '../canonical.js';
import type { WriteContext } from '../write/batch-context.js';
import { rowName, rowNameInFull } from '../write/row-place.js';

/**
 * An order of several line rows is stored whole or not at all: when one of its
 * rows was rejected (`rejectedOrders`: order key → the first rejected row's
 * line), its other rows in the batch are rejected too, naming that row, so the
 * order is not stored with a total and lines that miss the bad row.
 */
export function rejectWholeOrders(
  rows: CanonicalOrder[], rejectedOrders: ReadonlyMap<string, number>, context: Pick<WriteContext, 'file' | 'linesOf'>,
): { rows: CanonicalOrder[]; rejects: Reject[] } {
  if (rejectedOrders.size === 0) return { rows, rejects: [] };
  const resend = context.linesOf === 'file' ? 'import' : 'send';
  const kept: CanonicalOrder[] = [];
  const rejects: Reject[] = [];
  for (const row of rows) {
    const badLine = rejectedOrders.get(orderKeyOf(row.source, row.externalId));
    if (badLine === undefined) kept.push(row);
    else {
      rejects.push({
        file: context.file, line: row.line, field: 'order_id', code: 'ORDER_ROW_REJECTED', params: { line: badLine, order: row.externalId },
        reason: `${rowNameInFull(badLine, context)}, another row of order ${row.externalId}, was rejected, so none of the order's rows is stored `
          + `(its total and lines would miss that row); fix ${rowName(badLine, context)} and ${resend} all of the order's rows again`,
      });
    }
  }
  return { rows: kept, rejects };
}
