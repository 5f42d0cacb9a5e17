import type { CanonicalLine, CanonicalOrder, CustomerRef, Reject } from '../canonical.js';

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
  const groups: OrderGroup[] = [];
  for (const group of byKey.values()) {
    const conflict = group.hasLines ? orderFieldConflict(group, rows) : null;
    if (conflict) {
      rejects.push(...rejectGroup(group, file, conflict.field, conflict.reason));
      continue;
    }
    if (group.isTotalFromLines) group.totalMinor = group.lines.reduce((sum, line) => sum + lineAmountMinor(line), 0) - group.order.discountMinor;
    groups.push(group);
  }
  return { groups, rejects };
}

/**
 * Rows of one order repeat its fields; when two of them state a field
 * differently (another customer's email, another time, another total), the
 * file contradicts itself and the order is not stored, rather than stored from
 * its first row with the other silently dropped. A field a row leaves out
 * (a total stated on the first row only) is no contradiction.
 */
function orderFieldConflict(group: OrderGroup, rows: readonly CanonicalOrder[]): { field: string; reason: string } | null {
  const first = group.order;
  const lines = new Set(group.rowLines);
  for (const row of rows) {
    if (row === first || !lines.has(row.line)) continue;
    const differs = (field: string, firstValue: string, rowValue: string) => ({
      field, reason: `Rows of order ${first.externalId} disagree on ${field}: line ${first.line} has "${firstValue}", line ${row.line} "${rowValue}". Give every row of an order the same order fields.`,
    });
    if (row.orderedAt.getTime() !== first.orderedAt.getTime()) return differs('ordered_at', first.orderedAt.toISOString(), row.orderedAt.toISOString());
    for (const ref of row.customer) {
      const namespaceOf = (candidate: CustomerRef) => (candidate.kind === 'external' ? candidate.namespace : null);
      const other = first.customer.find((candidate) => candidate.kind === ref.kind && namespaceOf(candidate) === namespaceOf(ref));
      if (other && other.value !== ref.value) return differs(`customer_${ref.kind === 'external' ? 'id' : ref.kind}`, other.value, ref.value);
    }
    if (first.totalMinor !== null && row.totalMinor !== null && first.totalMinor !== row.totalMinor) return differs('amount', String(first.totalMinor), String(row.totalMinor));
  }
  return null;
}

/** One reject per row of a rejected order, so every row read is accounted for. */
export function rejectGroup(group: Pick<OrderGroup, 'rowLines'>, file: string, field: string, reason: string): Reject[] {
  return group.rowLines.map((line) => ({ file, line, field, reason }));
}
