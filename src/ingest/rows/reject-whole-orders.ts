import { orderKeyOf, type CanonicalOrder, type CanonicalOrderLine, type Reject } from '../canonical.js';
import type { WriteContext } from '../write/batch-context.js';
import { rowName, rowNameInFull } from '../write/row-place.js';

/** A row of an order's lines: a line row of an orders file, or a row of a lines file. */
type OrderRow = CanonicalOrder | CanonicalOrderLine;

const orderIdOf = (row: OrderRow) => ('orderExternalId' in row ? row.orderExternalId : row.externalId);

/**
 * An order of several line rows is stored whole or not at all: when one of its
 * rows was rejected (`rejectedOrders`: order key → the first rejected row's
 * line), its other rows in the batch are rejected too, naming that row, so the
 * order is not stored with a total and lines that miss the bad row. A lines
 * file states all of an order's lines too (write-order-lines.ts, staleLinesOf),
 * so storing the rest would remove the stored line the bad row meant to restate.
 */
export function rejectWholeOrders<R extends OrderRow>(
  rows: R[], rejectedOrders: ReadonlyMap<string, number>, context: Pick<WriteContext, 'file' | 'linesOf'>,
): { rows: R[]; rejects: Reject[] } {
  if (rejectedOrders.size === 0) return { rows, rejects: [] };
  const resend = context.linesOf === 'file' ? 'import' : 'send';
  const kept: R[] = [];
  const rejects: Reject[] = [];
  for (const row of rows) {
    const order = orderIdOf(row);
    const badLine = rejectedOrders.get(orderKeyOf(row.source, order));
    if (badLine === undefined) kept.push(row);
    else {
      rejects.push({
        file: context.file, line: row.line, field: 'order_id', code: 'ORDER_ROW_REJECTED', params: { line: badLine, order },
        reason: `${rowNameInFull(badLine, context)}, another row of order ${order}, was rejected, so none of the order's rows is stored `
          + `(its total and lines would miss that row); fix ${rowName(badLine, context)} and ${resend} all of the order's rows again`,
      });
    }
  }
  return { rows: kept, rejects };
}
