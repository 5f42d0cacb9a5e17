import type { CanonicalLine, CanonicalOrder, Reject } from '../canonical.js';

export type OrderGroup = {
  order: CanonicalOrder;
  /** Lines in file order, with the file line each came from. */
  lines: Array<CanonicalLine & { fileLine: number }>;
  /** The file lines of every row of this order in the batch, first included: each row is counted once. */
  rowLines: number[];
  /** The order's rows carry line items (one row per line, order fields repeated), so its lines are written. */
  hasLines: boolean;
  /** No row stated the order's total: it is the sum of its lines less its discount. */
  isTotalFromLines: boolean;
  /** The order total in its own currency: as stated, else the sum of this batch's lines less the discount. */
  totalMinor: number;
};

export function lineAmountMinor(line: Pick<CanonicalLine, 'quantity' | 'unitPriceMinor'>): number {
  return Math.round(line.quantity * line.unitPriceMinor);
}

/**
 * Groups a batch's rows into orders. An export with line columns repeats the
 * order on each of its lines (its total, when it has one, stated on the first
 * row or on every row); any other repeat of an order id within one file is a
 * mistake in the file and is rejected, naming the line where it first appeared.
 */
export function groupOrderRows(rows: CanonicalOrder[], file: string): { groups: OrderGroup[]; rejects: Reject[] } {
  const byKey = new Map<string, OrderGroup>();
  const rejects: Reject[] = [];
  for (const row of rows) {
    const key = `${row.source}\u0000${row.externalId}`;
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, {
        order: row,
        lines: row.orderLine ? [{ ...row.orderLine, fileLine: row.line }] : [],
        rowLines: [row.line],
        hasLines: row.orderLine !== null,
        isTotalFromLines: row.totalMinor === null,
        totalMinor: row.totalMinor ?? 0,
      });
      continue;
    }
    if (row.orderLine && existing.hasLines) {
      existing.lines.push({ ...row.orderLine, fileLine: row.line });
      existing.rowLines.push(row.line);
      if (existing.isTotalFromLines && row.totalMinor !== null) {
        existing.isTotalFromLines = false;
        existing.totalMinor = row.totalMinor;
      }
      continue;
    }
    rejects.push({ file, line: row.line, field: 'order_id', reason: `Duplicate order id ${row.externalId}: it already appeared on line ${existing.order.line} of this file. Keep one row per order.` });
  }
  const groups = [...byKey.values()];
  for (const group of groups) {
    if (group.isTotalFromLines) group.totalMinor = group.lines.reduce((sum, line) => sum + lineAmountMinor(line), 0) - group.order.discountMinor;
  }
  return { groups, rejects };
}

/** One reject per row of a rejected order, so every row read is accounted for. */
export function rejectGroup(group: Pick<OrderGroup, 'rowLines'>, file: string, field: string, reason: string): Reject[] {
  return group.rowLines.map((line) => ({ file, line, field, reason }));
}
