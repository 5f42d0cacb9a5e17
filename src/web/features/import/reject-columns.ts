import { namesNoColumn, reasonNamingColumn } from '../../../ingest/rows/row-problem.js';
import type { RejectCode } from '../../../ingest/reject-codes.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import type { Reject } from '../../api/types.js';

/**
 * The file's column a field was read from, by field, for the rejects to name: the page sends its
 * rows under canonical names, so the server's rejects name the field alone ("ordered_at is
 * empty") where the CLI's name the seller's column ("Tanggal Pembayaran (ordered_at) is empty").
 */
export type RejectColumns = ReadonlyMap<string, string>;

/** A reject, or one of its other problems, with the file's column of its field when it names one (as the server's: ingest/canonical.ts, FieldProblem). */
export type ColumnNamed = { column?: string };

type Problem = Pick<Reject, 'field' | 'code' | 'params' | 'reason'> & ColumnNamed;

/**
 * The columns the rejects name, as the CLI's row parser picks them (row-parser.ts, fileColumnOf):
 * none for a column named as its field (its case and surrounding spaces aside), nor for one a
 * preset adds ("=currency"), which the file does not have.
 */
export function rejectColumnsOf(mapping: Mapping, addedColumns: readonly string[] = []): RejectColumns {
  const added = new Set(addedColumns);
  const columns = new Map<string, string>();
  for (const [field, column] of Object.entries(mapping)) {
    if (!column || added.has(column) || column.startsWith('=') || column.trim().toLowerCase() === field.toLowerCase()) continue;
    columns.set(field, column);
  }
  return columns;
}

// What the writers find comparing rows with each other or with the store (ingest/write/, rows/reject-whole-orders.ts):
// the CLI names their field alone, a column only for what its row parser finds in a row's own values
const comparingRows: ReadonlySet<RejectCode> = new Set<RejectCode>([
  'ORDER_DUPLICATE_IN_FILE', 'ORDER_ROWS_DISAGREE', 'ORDER_ROW_REJECTED', 'ORDER_OTHER_CUSTOMER', 'CUSTOMER_DUPLICATE_IN_FILE', 'CUSTOMER_IDENTITY_TAKEN',
  'PRODUCT_DUPLICATE_IN_FILE', 'EVENT_DUPLICATE_IN_FILE', 'EVENT_CHANGED', 'LINE_ORDER_UNKNOWN', 'LINE_DUPLICATE_IN_FILE', 'CURRENCY_RATE_MISSING',
]);

/**
 * Whether the row parser found the problem in the row's values, which the CLI says of the file's
 * column. An amount too large once an order's lines are summed or converted is the writers' too:
 * its value names the limit ("IDR > 10,000,000,000,000"), not a cell; so is a refund over an order's
 * total summed from its lines (rows/settle-line-totals.ts), which a record stating no amount gets
 * (the row's own check needs its amount). A problem no one column holds (a customer with no
 * identity: row-problem.ts, namesNoColumn) names none, whoever found it.
 * `record`: the record the reject is of, as sent.
 */
function isRowsOwn(problem: Problem, record: Readonly<Record<string, unknown>> | undefined): boolean {
  if ((comparingRows as ReadonlySet<string>).has(problem.code) || namesNoColumn(problem.code)) return false;
  if (problem.code === 'REFUND_EXCEEDS_TOTAL' && record !== undefined && record.amount === undefined) return false;
  return !(problem.code === 'AMOUNT_TOO_LARGE' && /(^|\s)> /.test(String(problem.params?.value ?? '')));
}

function namingColumn<P extends Problem>(problem: P, columns: RejectColumns, isReasonNaming: boolean, record?: Readonly<Record<string, unknown>>): P {
  const column = problem.field === null || problem.column !== undefined ? undefined : columns.get(problem.field);
  if (column === undefined || !isRowsOwn(problem, record)) return problem;
  return { ...problem, column, ...(isReasonNaming ? { reason: reasonNamingColumn(problem.reason, problem.field!, column) } : {}) };
}

/**
 * A batch's reject as the CLI says it of the same file (rows/row-problem.ts, withColumnNamed): its
 * field's column beside it, in `column` and in place of the field's first mention in the reason
 * (before a reason that names none), and so for each of its other problems (`also`). `record`: the
 * record it is of, as sent (a refund over a total summed from the lines names no column: isRowsOwn).
 */
export function withFileColumns<R extends Problem & { also?: Problem[] }>(reject: R, columns: RejectColumns, record?: Readonly<Record<string, unknown>>): R {
  if (columns.size === 0) return reject;
  const named = namingColumn(reject, columns, true, record);
  return reject.also === undefined ? named : { ...named, also: reject.also.map((problem) => namingColumn(problem, columns, true, record)) };
}

/** A preset's reject of a row, whose reason names its export's column already ("CustomerID is empty"): `column` beside it, as the CLI gives it. */
export function withPresetColumn<R extends Problem>(reject: R, columns: RejectColumns): R {
  return namingColumn(reject, columns, false);
}
