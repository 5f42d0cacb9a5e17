import { orderKeyOf, type CanonicalOrder } from '../../../ingest/canonical.js';
import { findPreset, listPresets, type Preset } from '../../../ingest/presets/index.js';
import { lineLevelFields, normaliseColumnName, readsWholeOrders, type Mapping } from '../../../ingest/rows/fields.js';
import { rejectWholeOrders } from '../../../ingest/rows/reject-whole-orders.js';
import { nestedColumnProblem } from '../../../ingest/readers/json-values.js';
import type { IngestEntity } from '../../api/types.js';
import { toRecord } from './import-mapping.js';
import { orderIdOf, unreadableRowOrderIdOf } from './order-ids.js';
import type { ParsedCsv } from './parse-csv.js';
import type { RowReject } from './parse-problems.js';
import { rejectColumnsOf, withPresetColumn, type RejectColumns } from './reject-columns.js';
import { rejectTextRepeats } from './repeated-order-rows.js';

/** A record for the API under canonical names, with its line in the file (the header's is 1, or the line below a title it was read from). */
export type LineRecord = { line: number; record: Record<string, string> };

/**
 * The presets a browser can apply: those of delimited files (the browser's CSV
 * parser finds the delimiter). Fixed-width exports (CDNOW) are the CLI's.
 */
export function browserPresets(entity: IngestEntity): Preset[] {
  return listPresets().map((listed) => findPreset(listed.name))
    .filter((preset) => preset.entity === entity && preset.reader.delimiter !== 'whitespace');
}

/**
 * The preset's mapping for this file's headers: a format's optional columns
 * are mapped when the file has them, under the file's own spelling of the
 * column (the server matches column names whatever their case).
 */
export function presetMapping(preset: Preset, headers: readonly string[]): Mapping {
  const mapping = typeof preset.mapping === 'function' ? preset.mapping(headers) : { ...preset.mapping };
  const spelledInFile = (column: string) => (headers.includes(column) ? column : headers.find((header) => normaliseColumnName(header) === normaliseColumnName(column)) ?? column);
  return Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, column.startsWith('=') ? column : spelledInFile(column)]));
}

/**
 * The file's rows as API records and the rows rejected here; `rejectedOrders`: the orders (ids as
 * the server keys them, orderIdOf) those rejected rows belong to, which the run counts as rejected
 * when no record sent names them (run-import.ts, ordersRejectedHere), as the CLI counts them.
 * `columns`: the file's column each field was read from, for the server's rejects to name
 * (reject-columns.ts), as the CLI's name them.
 */
export type LineRecords = { records: LineRecord[]; rejects: RowReject[]; rejectedOrders: string[]; columns: RejectColumns };

/**
 * The file's rows as API records, each with its line in the file (where it starts: a blank line
 * or a value spanning lines moves the rows after it): through the preset's value fixes first when
 * there is one (Shopify's order fields copied down to its line rows…), then the mapping. Rows a
 * preset cannot read are rejected here, with their line, as the server would reject them; so are
 * the rows the file's reading refused (`csv.rejects`, a row of too many values), as the CLI does.
 * In a lines file or an orders file of line rows, a row the reading refused rejects its order's
 * other rows too, as the CLI's (ingest/rows/reject-whole-orders.ts): sent, they would be stored as
 * an order missing that line, its total with it (a lines file's restated set would drop the stored
 * line that row meant to restate). A preset's reject is its row's own, as in the CLI
 * (row-parser.ts): the order's other rows are sent; it names its field's column, as the CLI's does.
 * In an orders file of whole orders, a row that repeats its order's record with other text in a
 * column no field reads is rejected here, as the CLI rejects it (repeated-order-rows.ts).
 */
export function toLineRecords(
  csv: Pick<ParsedCsv, 'fileName' | 'rows' | 'places' | 'rejects' | 'refusedRows'>, mapping: Mapping, options: { entity: IngestEntity; preset?: Preset | null },
): LineRecords {
  const transform = options.preset?.createTransform?.() ?? null;
  const columns = rejectColumnsOf(mapping, options.preset?.addedColumns);
  const orderColumn = options.entity === 'orders' || options.entity === 'lines' ? mapping.order_id : undefined;
  const records: LineRecord[] = [];
  const rejects: RowReject[] = [...csv.rejects];
  const rejectedOrders = new Set<string>();
  // the CLI's rejectsOrder (row-parser.ts, isOrderLineRow): every row of a lines file, and the rows of
  // an orders file that reads a line field (fields.ts, columnsRead)
  const mapped = new Set(Object.keys(mapping).filter((field) => mapping[field]));
  const rejectsWholeOrder = options.entity === 'lines'
    || (options.entity === 'orders' && !readsWholeOrders(options.entity, mapped) && lineLevelFields.some((field) => mapped.has(field)));
  // order id → the first line the reading refused of it, which its other rows' rejects name
  const wholeOrders = new Map<string, number>();
  if (orderColumn) {
    for (const refused of csv.refusedRows) {
      const orderId = unreadableRowOrderIdOf(refused.values[orderColumn]);
      if (orderId === null) continue;
      rejectedOrders.add(orderId);
      if (rejectsWholeOrder && !wholeOrders.has(orderId)) wholeOrders.set(orderId, refused.line);
    }
  }
  // column → the field reading it, for a JSON Lines row's array or object under it (nestedColumnReject)
  const fieldOfColumn = new Map(Object.entries(mapping).filter(([, column]) => column && !column.startsWith('=')).map(([field, column]) => [column, field]));
  csv.rows.forEach((row, index) => {
    const { line, raw, nested } = csv.places[index];
    const nestedReject = nested ? nestedColumnReject(csv.fileName, line, raw, nested, row, fieldOfColumn) : null;
    if (nestedReject) {
      // as the CLI's row parser refuses it (row-parser.ts, nestedColumnProblem): its order with it
      rejects.push(nestedReject);
      const orderId = orderColumn ? orderIdOf(row[orderColumn]) : null;
      if (orderId !== null) {
        rejectedOrders.add(orderId);
        if (rejectsWholeOrder && !wholeOrders.has(orderId)) wholeOrders.set(orderId, line);
      }
      return;
    }
    if (!transform) {
      records.push({ line, record: toRecord(row, mapping) });
      return;
    }
    const result = transform(row, line);
    if ('reject' in result) {
      rejects.push(withPresetColumn({ file: csv.fileName, line, ...result.reject, raw }, columns));
      // the order read from the row as written; the CLI reads none from a row with NUL in a mapped column
      const hasNul = Object.values(mapping).some((column) => row[column]?.includes('\u0000'));
      const orderId = orderColumn && !hasNul ? orderIdOf(row[orderColumn]) : null;
      if (orderId !== null) rejectedOrders.add(orderId);
    } else records.push({ line, record: toRecord(withoutNulls(result.values), mapping) });
  });
  const whole = rejectWholeOrdersOf(records, wholeOrders, csv);
  // whole orders, each row one: a repeat differing only in a column no field reads is rejected here, as the CLI rejects it
  const repeats = options.entity === 'orders' && !mapped.has('unit_price')
    ? rejectTextRepeats(whole.records, new Map(csv.rows.map((values, index) => [csv.places[index].line, { values, raw: csv.places[index].raw }])), csv.fileName)
    : { records: whole.records, rejects: [] };
  return { records: repeats.records, rejects: [...rejects, ...whole.rejects, ...repeats.rejects].sort((a, b) => a.line - b.line), rejectedOrders: [...rejectedOrders], columns };
}

/**
 * The records of the orders in `wholeOrders` rejected with the CLI's reject (rejectWholeOrders, the
 * same code and sentence), the rest kept. rejectWholeOrders reads only a row's order (source and id,
 * `externalId` as an orders row holds it, for a lines file too) and line; the rows of one file share
 * their source.
 */
function rejectWholeOrdersOf(records: LineRecord[], wholeOrders: ReadonlyMap<string, number>, csv: Pick<ParsedCsv, 'fileName' | 'places'>): { records: LineRecord[]; rejects: RowReject[] } {
  if (wholeOrders.size === 0) return { records, rejects: [] };
  const source = '';
  const rows: Array<Pick<CanonicalOrder, 'source' | 'externalId' | 'line'>> = records.map(({ line, record }) => ({ source, externalId: orderIdOf(record.order_id) ?? '', line }));
  const badLines = new Map([...wholeOrders].map(([orderId, line]) => [orderKeyOf(source, orderId), line]));
  const refused = rejectWholeOrders(rows as CanonicalOrder[], badLines, { file: csv.fileName, linesOf: 'file' }).rejects;
  if (refused.length === 0) return { records, rejects: [] };
  const rawOf = new Map(csv.places.map((place) => [place.line, place.raw]));
  const refusedLines = new Set(refused.map((reject) => reject.line));
  return {
    records: records.filter((entry) => !refusedLines.has(entry.line)),
    rejects: refused.map((reject) => ({ ...reject, raw: rawOf.get(reject.line) ?? '' })),
  };
}

/**
 * A JSON array or object under a column some field reads (a guessed "customer" as customer_id),
 * refused as the CLI's row parser refuses it, by the same check (readers/json-values.ts, nestedColumnProblem).
 */
function nestedColumnReject(
  file: string, line: number, raw: string, nested: readonly string[], row: Record<string, string>, fieldOfColumn: ReadonlyMap<string, string>,
): RowReject | null {
  const problem = nestedColumnProblem(line, nested, row, fieldOfColumn);
  return problem && { file, line, raw, ...problem };
}

function withoutNulls(values: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** The columns as the page lists them: each in quotes, so that a name holding a comma ("Klienta vārds, uzvārds") reads as one. */
export function columnListText(columns: readonly string[]): string {
  return columns.map((column) => `“${column}”`).join(', ');
}

/** The file's columns no mapped field reads: shown so that a column left out by mistake is noticed before the import. */
export function unmappedColumns(headers: readonly string[], mapping: Mapping): string[] {
  const used = new Set(Object.values(mapping));
  return headers.filter((header) => !used.has(header));
}
