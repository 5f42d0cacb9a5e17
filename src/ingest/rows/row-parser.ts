import type { CanonicalRow, ImportEntity, IngestContext, Reject } from '../canonical.js';
import type { Preset, RecordValues } from '../presets/preset.js';
import { buildCustomer } from './build-customer.js';
import { buildOrder } from './build-order.js';
import { buildEvent, buildOrderLine, buildProduct } from './build-others.js';
import { headerCheck, type Mapping } from './fields.js';
import type { DateOptions } from './parse-date.js';
import { RowProblem, type FieldValues } from './row-problem.js';

export type RowParserOptions = {
  /** Named in every reject. */
  file: string;
  mapping?: Mapping;
  dateFormat?: string | null;
  preset?: Preset | null;
  context: IngestContext;
};

export type ParsedRow<E extends ImportEntity> = { row: CanonicalRow[E]; reject?: undefined } | { row?: undefined; reject: Reject };

export type RowParser<E extends ImportEntity> = {
  /** Throws IMPORT_COLUMN_MISSING when the file cannot hold the entity's required fields. */
  checkHeaders(headers: readonly string[]): void;
  /** Never throws: a bad row becomes a reject. */
  parse(record: { line: number; values: RecordValues }): ParsedRow<E>;
};

type Builder = (values: FieldValues, line: number, context: IngestContext, dates: DateOptions) => CanonicalRow[ImportEntity];

const builders: Record<ImportEntity, Builder> = {
  customers: buildCustomer,
  orders: buildOrder,
  lines: buildOrderLine,
  products: buildProduct,
  events: buildEvent,
};

function fieldValues(columns: Map<string, string>, values: RecordValues): FieldValues {
  return {
    text(field) {
      const column = columns.get(field);
      const value = column === undefined ? null : values[column]?.trim();
      return value ? value : null;
    },
    has: (field) => columns.has(field),
    withPrefix(prefix) {
      const found: Array<[string, string]> = [];
      for (const [field, column] of columns) {
        const value = field.startsWith(prefix) ? values[column]?.trim() : null;
        if (value) found.push([field.slice(prefix.length), value]);
      }
      return found;
    },
  };
}

function rawOf(values: RecordValues): string {
  return Object.values(values).map((value) => value ?? '').join(',').slice(0, 500);
}

export function createRowParser<E extends ImportEntity>(entity: E, options: RowParserOptions): RowParser<E> {
  const preset = options.preset ?? null;
  const context: IngestContext = preset?.source ? { ...options.context, source: preset.source } : options.context;
  const dates: DateOptions = { dateFormat: options.dateFormat ?? preset?.dateFormat ?? null, timeZone: context.timeZone, now: context.now };
  const transform = preset?.createTransform?.() ?? null;
  const build = builders[entity];
  let columns: Map<string, string> | null = null;

  function checkHeaders(headers: readonly string[]): void {
    const presetMapping = typeof preset?.mapping === 'function' ? preset.mapping(headers) : (preset?.mapping ?? {});
    columns = headerCheck(entity, [...headers, ...(preset?.addedColumns ?? [])], { ...presetMapping, ...options.mapping });
  }

  function parse(record: { line: number; values: RecordValues }): ParsedRow<E> {
    const reject = (field: string | null, reason: string): ParsedRow<E> => ({ reject: { file: options.file, line: record.line, field, reason, raw: rawOf(record.values) } });
    try {
      if (columns === null) checkHeaders(Object.keys(record.values));
      let values = record.values;
      if (transform) {
        const transformed = transform(values, record.line);
        if ('reject' in transformed) return reject(transformed.reject.field, transformed.reject.reason);
        values = transformed.values;
      }
      return { row: build(fieldValues(columns!, values), record.line, context, dates) as CanonicalRow[E] };
    } catch (error) {
      if (error instanceof RowProblem) return reject(error.field, error.message);
      // A bug must not abort a million-row import; the reject carries the message for the report.
      return reject(null, `this row could not be read (${(error as Error).message ?? String(error)}); please report it with the row`);
    }
  }

  return { checkHeaders, parse };
}
