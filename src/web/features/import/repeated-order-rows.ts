import type { Reject } from '../../api/types.js';
import { duplicateOrder } from '../../../ingest/write/order-rejects.js';
import type { FieldDifference } from '../../../ingest/write/repeated-rows.js';
import type { LineRecord } from './import-rows.js';
import { orderIdOf } from './order-ids.js';
import type { RowReject } from './parse-problems.js';

/** A file's row as read: its values by column (before a preset's fixes), and its text as written. */
export type ReadRow = { values: Readonly<Record<string, string>>; raw: string };

/**
 * The rows of an orders file of whole orders (no unit_price mapped) that repeat an order's first
 * row with the same record but other text in a column the mapping leaves unread: a Shopee export
 * imported by its column names, one row per product, its SKU and product name unread. The CLI
 * compares a repeat's whole row, every column of the file (ingest/write/repeated-rows.ts,
 * writtenDifference), and rejects it ORDER_DUPLICATE_IN_FILE naming the first column that differs
 * and the order's first line; the page sends the mapped fields only, so the server would take the
 * row for an exact repeat and count it unchanged. Such rows are rejected here with the CLI's reject
 * and not sent. A repeat whose record differs is sent: the server names the field it states otherwise.
 * An exact repeat (same text in every column) is sent too, and counted unchanged, as in the CLI.
 */
export function rejectTextRepeats(
  records: readonly LineRecord[], rowOf: ReadonlyMap<number, ReadRow>, file: string,
): { records: LineRecord[]; rejects: RowReject[] } {
  const firstOf = new Map<string, LineRecord>();
  const kept: LineRecord[] = [];
  const rejects: RowReject[] = [];
  for (const entry of records) {
    const orderId = orderIdOf(entry.record.order_id);
    const first = orderId ? firstOf.get(orderId) : undefined;
    if (orderId && !first) firstOf.set(orderId, entry);
    const row = rowOf.get(entry.line);
    const firstRow = first && rowOf.get(first.line);
    const difference = first && row && firstRow && isSameRecord(entry.record, first.record) ? textDifference(row.values, firstRow.values) : null;
    if (difference === null) {
      kept.push(entry);
      continue;
    }
    // the CLI's own reject (its params carry the column and both values as written, for reject-text.ts)
    rejects.push({ file, line: entry.line, raw: row!.raw, ...duplicateOrder(orderId!, first!.line, { linesOf: 'file' }, false, difference) } satisfies Reject & { raw: string });
  }
  return { records: kept, rejects };
}

function isSameRecord(record: Readonly<Record<string, string>>, first: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(record);
  return keys.length === Object.keys(first).length && keys.every((key) => first[key] === record[key]);
}

// a value as the CLI's reason shows it (repeated-rows.ts): text quoted, nothing as "none"
const shown = (value: string) => (value === '' ? 'none' : `"${value}"`);

/** The first column, in the file's order, whose text differs between a row and the one it repeats; null when none does. */
function textDifference(values: Readonly<Record<string, string>>, firstValues: Readonly<Record<string, string>>): FieldDifference | null {
  for (const column of new Set([...Object.keys(firstValues), ...Object.keys(values)])) {
    const [value, firstValue] = [values[column] ?? '', firstValues[column] ?? ''];
    if (value !== firstValue) return { field: column, value: shown(value), firstValue: shown(firstValue) };
  }
  return null;
}
