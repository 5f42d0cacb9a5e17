import type { CanonicalLine, CanonicalOrder, Reject } from '../canonical.js';

export type OrderGroup = {
  order: CanonicalOrder;
  /** Lines in file order, with the file line each came from. */
  lines: Array<CanonicalLine & { fileLine: number }>;
  isLineLevel: boolean;
  /** The order total in its own currency; for line-level orders the sum of this batch's lines. */
  totalMinor: number | null;
};

export function lineAmountMinor(line: Pick<CanonicalLine, 'quantity' | 'unitPriceMinor'>): number {
  return Math.round(line.quantity * line.unitPriceMinor);
}

/**
 * Groups a batch's rows into orders. A line-level export repeats the order on
 * each of its lines; any other repeat of an order id within one file is a
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
        isLineLevel: row.orderLine !== null && row.totalMinor === null,
        totalMinor: row.totalMinor,
      });
      continue;
    }
    if (row.orderLine && existing.order.orderLine) {
      existing.lines.push({ ...row.orderLine, fileLine: row.line });
      continue;
    }
    rejects.push({ file, line: row.line, field: 'order_id', reason: `Duplicate order id ${row.externalId}: it already appeared on line ${existing.order.line} of this file. Keep one row per order.` });
  }
  const groups = [...byKey.values()];
  for (const group of groups) {
    if (group.isLineLevel) group.totalMinor = group.lines.reduce((sum, line) => sum + lineAmountMinor(line), 0) - group.order.discountMinor;
  }
  return { groups, rejects };
}
