import type { OrderChannel } from '../../db/schema.js';
import { orderKeyOf, type CanonicalOrder, type CanonicalRow, type FieldProblem, type ImportEntity, type IngestContext, type Reject } from '../canonical.js';
import { presetMappingOf, type Preset, type RecordValues } from '../presets/preset.js';
import { buildCustomer } from './build-customer.js';
import { buildOrder, isLineLevel } from './build-order.js';
import { normaliseExternalId } from '../../customers/identity.js';
import { buildEvent, buildOrderLine, buildProduct } from './build-others.js';
import { headerCheck, type Mapping } from './fields.js';
import type { DateOptions } from './parse-date.js';
import type { RejectCode, RejectParams, RejectProblem } from '../reject-codes.js';
import { otherProblems } from './other-problems.js';
import { hasOtherIdentityColumn, maskedPhoneOfRow, type MaskedPhone } from './masked-phones.js';
import { failNulCharacter, RowProblem, withColumnNamed, type FieldValues } from './row-problem.js';
import { rawText } from '../readers/record-streams.js';
import { nestedColumnProblem } from '../readers/json-values.js';
import { emptyChannelMeans } from './synonyms.js';

export type RowParserOptions = {
  /** Named in every reject. */
  file: string;
  mapping?: Mapping;
  dateFormat?: string | null;
  preset?: Preset | null;
  context: IngestContext;
  /** The channel of an order whose row gives none (no channel column, or an empty one): the CLI's --channel. */
  defaultChannel?: OrderChannel | null;
};

/**
 * A rejected row of an orders or lines file names its order (`orderKey`,
 * source and id as the writer keys it) when its id could be read, so the
 * order is counted as rejected (write/order-counts.ts). A rejected line row of
 * an orders file (`rejectsOrder`) rejects the order's other rows with it
 * (reject-whole-orders.ts). A row read although a marketplace masked its phone
 * names it (`maskedPhone`), so the import can say the phone was ignored (masked-phones.ts).
 */
export type ParsedRow<E extends ImportEntity> =
  | { row: CanonicalRow[E]; reject?: undefined; maskedPhone?: MaskedPhone }
  | { row?: undefined; reject: Reject; orderKey?: string; rejectsOrder?: boolean };

export type RowParser<E extends ImportEntity> = {
  /** Throws IMPORT_COLUMN_MISSING when the file cannot hold the entity's required fields. */
  checkHeaders(headers: readonly string[]): void;
  /** Never throws: a bad row becomes a reject. `raw`: the row as written in its file, for the reject; default rawOf(values). */
  /** `nested`: the keys of a JSON record that hold an array or an object (record-streams.ts, nestedKeysOf). */
  parse(record: { line: number; values: RecordValues; raw?: string; nested?: readonly string[] }): ParsedRow<E>;
  /**
   * The order of a row the reader could not read (wrong number of fields, an unclosed quote,
   * invalid UTF-8), named as ParsedRow names a rejected row's order, from the values that could
   * still be read of it (RecordItem): none when its order id is not among them.
   */
  orderOfUnreadable(values: RecordValues): { orderKey?: string; rejectsOrder?: boolean };
};

type Builder = (values: FieldValues, line: number, context: IngestContext, dates: DateOptions) => CanonicalRow[ImportEntity];

const builders: Record<ImportEntity, Builder> = {
  customers: buildCustomer,
  orders: buildOrder,
  lines: buildOrderLine,
  products: buildProduct,
  events: buildEvent,
};

/**
 * One FieldValues for the whole file, pointed at each record in turn: a row then costs no
 * closures, and fields under a prefix are found once from the columns, not on every row.
 */
function createFieldValues(columns: Map<string, string>, hasIdentityColumn: boolean): { fieldValues: FieldValues; read(values: RecordValues): void; nulFields(): string[] } {
  let current: RecordValues = {};
  const fieldColumns = [...columns];
  const prefixed = new Map<string, Array<[string, string]>>();
  const fieldValues: FieldValues = {
    text(field) {
      const column = columns.get(field);
      const value = column === undefined ? null : current[column]?.trim();
      return value ? value : null;
    },
    has: (field) => columns.has(field),
    withPrefix(prefix) {
      let fields = prefixed.get(prefix);
      if (!fields) {
        fields = [...columns].filter(([field]) => field.startsWith(prefix)).map(([field, column]) => [field.slice(prefix.length), column]);
        prefixed.set(prefix, fields);
      }
      const found: Array<[string, string]> = [];
      for (const [name, column] of fields) {
        const value = current[column]?.trim();
        if (value) found.push([name, value]);
      }
      return found;
    },
    hasOtherIdentityColumn: hasIdentityColumn,
  };
  function read(values: RecordValues): void {
    // pointed at the row first, so that a row refused for a NUL character still has its other fields checked (other-problems.ts)
    current = values;
    // PostgreSQL text cannot hold U+0000: one such value would fail the whole batch's insert, so
    // every field the row maps is checked once here, before any builder reads it.
    for (const [field, column] of fieldColumns) {
      if (values[column]?.includes('\u0000')) failNulCharacter(field);
    }
  }
  /** The fields of the current row holding a NUL character. */
  const nulFields = (): string[] => fieldColumns.filter(([, column]) => current[column]?.includes('\u0000')).map(([field]) => field);
  return { fieldValues, read, nulFields };
}

/**
 * A row's values joined with commas: the `raw` of a record parsed without its text. Rows read from
 * a file carry their text as written (RecordItem's `raw`), an API batch's records their JSON (recordText).
 */
export function rawOf(values: RecordValues): string {
  return rawText(Object.values(values).map((value) => value ?? '').join(','));
}

/**
 * The values each row was read from, as written (before a preset's transform): an exact repeat of a
 * row has the same values in every column, those no field reads included (write/repeated-rows.ts).
 * Kept by reference, compared only for rows that repeat an id.
 */
export const valuesOfRow = new WeakMap<object, RecordValues>();

/** The columns of each row's file that no field reads (set only for a file that has some), by row. */
export const unreadColumnsOfRow = new WeakMap<object, readonly string[]>();

/** The column each field of a row was read from (its file's, one map per file), by row: a repeat's reason quotes a field's cell as written. */
export const columnOfFieldOfRow = new WeakMap<object, ReadonlyMap<string, string>>();

export function createRowParser<E extends ImportEntity>(entity: E, options: RowParserOptions): RowParser<E> {
  const preset = options.preset ?? null;
  const context: IngestContext = preset?.source ? { ...options.context, source: preset.source } : options.context;
  const dates: DateOptions = { dateFormat: options.dateFormat ?? preset?.dateFormat ?? null, timeZone: context.timeZone, now: context.now };
  const transform = preset?.createTransform?.() ?? null;
  const defaultChannel = options.defaultChannel ?? null;
  const build = builders[entity];
  let fields: ReturnType<typeof createFieldValues> | null = null;
  let orderIdColumn: string | undefined;
  let unreadColumns: readonly string[] = [];
  let fieldOfColumn = new Map<string, string>();
  let columnOfField = new Map<string, string>();
  // a preset's own columns ("=currency"), which the file does not have: a reject names their field alone
  const addedColumns = new Set(preset?.addedColumns ?? []);

  function checkHeaders(headers: readonly string[]): void {
    const columns = headerCheck(entity, [...headers, ...(preset?.addedColumns ?? [])], { ...presetMappingOf(preset, headers), ...options.mapping }, new Map(), new Map(), preset?.name ?? null);
    orderIdColumn = columns.get('order_id');
    fieldOfColumn = new Map([...columns].map(([field, column]) => [column, field]));
    columnOfField = columns;
    const read = new Set(columns.values());
    unreadColumns = headers.filter((header) => !read.has(header));
    fields = createFieldValues(columns, hasOtherIdentityColumn(entity, columns, unreadColumns));
  }

  function reject(record: { line: number; values: RecordValues; raw?: string }, problem: { field: string | null; column?: string; code: RejectCode; reason: string; params: RejectParams; also?: FieldProblem[] }): ParsedRow<E> {
    const { field, column, code, params, reason, also } = problem;
    return {
      reject: {
        file: options.file, line: record.line, field, ...(column === undefined ? {} : { column }), code, params, reason, raw: record.raw ?? rawOf(record.values), ...(also?.length ? { also } : {}),
      },
    };
  }

  /**
   * The file's column a field was read from, when the reject must name it: a seller's file has no
   * "ordered_at" but "Tanggal Pembayaran" (a preset's, --map's or a guessed column). Null for a
   * column named as the field (its case aside) and for one a preset adds.
   */
  function fileColumnOf(field: string | null): string | null {
    const column = field === null ? undefined : columnOfField.get(field);
    if (column === undefined || addedColumns.has(column) || column.trim().toLowerCase() === field!.toLowerCase()) return null;
    return column;
  }

  /** The problem naming the file's column of its field; `reasonNamesIt`: its reason does already (a preset's, which knows its export). */
  function inFileColumn<P extends RejectProblem>(problem: P, reasonNamesIt = false): P & { column?: string } {
    const column = fileColumnOf(problem.field);
    if (column === null) return problem;
    return reasonNamesIt ? { ...problem, column } : withColumnNamed(problem, column);
  }

  function parse(record: { line: number; values: RecordValues; raw?: string; nested?: readonly string[] }): ParsedRow<E> {
    let values = record.values;
    // whether the row's fields were read: a problem a preset's transform raised has no fields to check besides
    let isRead = false;
    try {
      if (fields === null) checkHeaders(Object.keys(record.values));
      const nested = record.nested === undefined ? undefined : nestedColumnProblem(record.line, record.nested, record.values, fieldOfColumn);
      if (nested) return withOrderKey(reject(record, inFileColumn(nested, true)), values, true);
      if (transform) {
        const transformed = transform(values, record.line);
        // a preset's reject is the row's own: it is counted with its order but does not reject the order's other rows
        if ('reject' in transformed) return withOrderKey(reject(record, inFileColumn(transformed.reject, true)), values, false);
        values = transformed.values;
      }
      isRead = true;
      fields!.read(values);
      const row = build(fields!.fieldValues, record.line, context, dates) as CanonicalRow[E];
      if (defaultChannel && entity === 'orders' && fields!.fieldValues.text('channel') === null) (row as CanonicalOrder).channel = defaultChannel;
      valuesOfRow.set(row, record.values);
      columnOfFieldOfRow.set(row, columnOfField);
      if (unreadColumns.length > 0) unreadColumnsOfRow.set(row, unreadColumns);
      const maskedPhone = maskedPhoneOfRow(fields!.fieldValues, record.line);
      return maskedPhone === null ? { row } : { row, maskedPhone };
    } catch (error) {
      if (error instanceof RowProblem) {
        // the row's other problems too, so that one pass over the rejects fixes the row
        const also = isRead && fields !== null ? otherProblems(entity, { values: fields.fieldValues, context, dates, failedField: error.field, nulFields: fields.nulFields() }) : [];
        const problem = { field: error.field, code: error.code, reason: error.message, params: error.params };
        const said = (found: RejectProblem) => inFileColumn(emptyChannelWithDefault(found));
        return withOrderKey(reject(record, { ...said(problem), also: also.map(said) }), values, true);
      }
      // A bug must not abort a million-row import; the reject carries the message for the report.
      const detail = (error as Error).message ?? String(error);
      return reject(record, { field: null, code: 'ROW_UNREADABLE', reason: `this row could not be read (${detail}); please report it with the row`, params: { detail } });
    }
  }

  /** A refused channel's advice to leave it empty, true of a file whose orders are given a channel: they then take that one, not other. */
  function emptyChannelWithDefault<P extends RejectProblem>(problem: P): P {
    if (defaultChannel === null || problem.field !== 'channel') return problem;
    return { ...problem, reason: problem.reason.replace(emptyChannelMeans, `the order then takes the channel given for the file, ${defaultChannel}`) };
  }

  /**
   * A JSON array or object under a column some field reads (a guessed "customer" as customer_id),
   * refused as under the field's own name (record-streams.ts, nonScalarField): its JSON text would
   * otherwise be stored as an id, a name or an amount. An event's free-text detail keeps it.
   */
  /** The order a rejected row belongs to, when its id can be read from the row as read. */
  function withOrderKey(parsed: ParsedRow<E>, values: RecordValues, canRejectOrder: boolean): ParsedRow<E> {
    if ((entity !== 'orders' && entity !== 'lines') || fields === null || !parsed.reject) return parsed;
    try {
      fields.read(values);
      const orderId = normaliseExternalId(fields.fieldValues.text('order_id'));
      if (orderId === null) return parsed;
      return { ...parsed, orderKey: orderKeyOf(context.source, orderId), rejectsOrder: canRejectOrder && isOrderLineRow(entity, fields.fieldValues) };
    } catch {
      return parsed;
    }
  }

  /**
   * Read from the column the mapping names, before any preset transform: a transform may
   * remember rows (Shopify's), and a broken row must not become one of them. An id a preset
   * computes (groceries, CDNOW) is thus never found. A value holding a line break (a quote
   * swallowed it), U+FFFD (bytes that were not UTF-8) or NUL is no id.
   */
  function orderOfUnreadable(values: RecordValues): { orderKey?: string; rejectsOrder?: boolean } {
    if ((entity !== 'orders' && entity !== 'lines') || fields === null || orderIdColumn === undefined) return {};
    const text = values[orderIdColumn];
    if (!text || /[\r\n\u0000\ufffd]/.test(text)) return {};
    const orderId = normaliseExternalId(text);
    if (orderId === null) return {};
    return { orderKey: orderKeyOf(context.source, orderId), rejectsOrder: isOrderLineRow(entity, fields.fieldValues) };
  }

  return { checkHeaders, parse, orderOfUnreadable };
}

/** A row of an order's lines, whose rejection rejects its order whole (reject-whole-orders.ts): every row of a lines file, a line row of an orders file. */
function isOrderLineRow(entity: ImportEntity, values: FieldValues): boolean {
  return entity === 'lines' || (entity === 'orders' && isLineLevel(values));
}
