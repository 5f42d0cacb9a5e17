import { AppError } from '../../core/errors.js';
import type { OrderChannel } from '../../db/schema.js';
import { orderKeyOf, type CanonicalOrder, type CanonicalOrderLine, type CanonicalRow, type ImportEntity, type IngestContext, type Reject } from '../canonical.js';
import { findPreset } from '../presets/index.js';
import { presetMappingOf, type Preset, type RecordValues } from '../presets/preset.js';
import { numbersAsSent, withNumbersAsSent } from '../readers/record-streams.js';
import { jsonValuesProblem, nestedKeysOf, nonScalarField, scalarValues, valuesFromJson } from '../readers/json-values.js';
import { readRecords, type ReaderOptions } from '../readers/read-records.js';
import { recordBatchHeaders, resolveColumns, type Mapping } from './fields.js';
import { planColumns, type ColumnPlan } from './column-plan.js';
import { createRowParser } from './row-parser.js';
import { isTotalledFromLines, settleOrderOutcomes, settleOrdersTotalledFromLines } from './settle-line-totals.js';
import { rejectWholeOrders } from './reject-whole-orders.js';
import { rowName, type LinesOf } from '../write/row-place.js';
import { explainMixedOrderBatch, firstOrderLineRecord } from './mixed-order-batch.js';
import { dateFormatProblem } from './parse-date.js';
import { inferDateFormat, type InferredDateFormat } from './date-format-guess.js';
import { noMaskedPhones, withMaskedPhone, type MaskedPhones } from './masked-phones.js';

/** An order of up to this many rows stays in one batch whatever the batch size (see wholeOrderRows). */
const minimumWholeOrderRows = 10_000;

export type ParseFileOptions = {
  context: IngestContext;
  mapping?: Mapping;
  dateFormat?: string | null;
  /** A preset name (see listPresets) or a preset. */
  preset?: string | Preset | null;
  /** Namespace for the file's ids; wins over the preset's, which wins over context.source. */
  source?: string | null;
  /** Orders: the channel of every order whose row gives none (the CLI's --channel); a row's own wins. */
  channel?: OrderChannel | null;
  delimiter?: string | null;
  format?: 'csv' | 'jsonl' | 'auto';
  encoding?: string | null;
  /** The 1-based line of the header, below a report's title (read-records.ts). */
  headerLine?: number | null;
  batchSize?: number;
  /** Named in rejects; defaults to the path. */
  file?: string;
  /** Told, before the first batch, which columns were guessed and which nothing reads (column-plan.ts). */
  onColumns?: (plan: ColumnPlan) => void;
  /** Told, before the first batch, the date format read from the file's first dates when none was given (date-format-guess.ts). */
  onDateFormat?: (inferred: InferredDateFormat) => void;
};

/**
 * `rejectedOrderKeys`: the orders (orders and lines files) its rejected rows name, for the writer to count (write/order-counts.ts).
 * `maskedPhones`: its rows read although a marketplace masked their phone, which was ignored (masked-phones.ts).
 */
export type ParsedBatch<E extends ImportEntity> = {
  rows: CanonicalRow[E][]; rejects: Reject[]; rejectedOrderKeys: string[]; maskedPhones: MaskedPhones; bytesRead: number; totalBytes: number;
};

function resolvePreset(entity: ImportEntity, preset: string | Preset | null | undefined): Preset | null {
  const resolved = typeof preset === 'string' ? findPreset(preset) : (preset ?? null);
  if (resolved && resolved.entity !== entity) {
    throw new AppError('IMPORT_OPTION_INVALID', `Preset ${resolved.name} imports ${resolved.entity}, not ${entity}.`, { field: 'preset', hint: `Import it as ${resolved.entity}.` });
  }
  return resolved;
}

function contextFor(options: ParseFileOptions, preset: Preset | null): IngestContext {
  const source = options.source ?? preset?.source ?? options.context.source;
  return { ...options.context, source };
}

/** A preset's reader options, its delimiter the one its export writes unless the file's header holds another (read-records.ts). */
export function presetReaderOptions(presetReader: ReaderOptions | undefined): ReaderOptions {
  const { delimiter: presetDelimiter, ...reader } = presetReader ?? {};
  return { ...reader, ...(presetDelimiter === undefined ? {} : { presetDelimiter }) };
}

/**
 * Reads, maps, validates and normalises a file in batches of `batchSize` rows plus the batch's
 * rejects. Streams: memory depends on the batch size, not on the file. Throws only for problems
 * with the whole file (not found, empty, required columns missing) before the first batch.
 */
export async function* parseFile<E extends ImportEntity>(entity: E, path: string, options: ParseFileOptions): AsyncGenerator<ParsedBatch<E>> {
  const preset = resolvePreset(entity, options.preset);
  requireChannelReadable(entity, options.channel ?? null, preset);
  const reader: ReaderOptions = presetReaderOptions(preset?.reader);
  if (options.delimiter) reader.delimiter = options.delimiter;
  if (options.format && options.format !== 'auto') reader.format = options.format;
  if (options.encoding) reader.encoding = options.encoding;
  if (options.headerLine) reader.headerLine = options.headerLine;
  const file = options.file ?? path;
  requireReadableDateFormat(options.dateFormat, 'date_format');
  const source = await readRecords(path, reader);
  const chunks = source.batches()[Symbol.asyncIterator]();
  // the first chunk of records shows what a guessed column holds (column-plan.ts, readContactsAsContacts)
  const first = await chunks.next();
  const sample = first.done ? [] : first.value.flatMap((item) => (item.kind === 'record' ? [item.values] : []));
  let columns: ColumnPlan;
  let inferred: InferredDateFormat | null = null;
  try {
    columns = planColumns(entity, source.headers, { preset, mapping: options.mapping ?? {}, sample });
    // without a date format, the first dates may show it (25/11/2026 is day first), once per file
    if (!options.dateFormat && !preset?.dateFormat) {
      const mapping = { ...presetMappingOf(preset, source.headers), ...columns.mapping };
      inferred = inferDateFormat(entity, resolveColumns(entity, [...source.headers, ...(preset?.addedColumns ?? [])], mapping), sample);
    }
  } catch (error) {
    await chunks.return?.(undefined);
    throw error;
  }
  options.onColumns?.(columns);
  if (inferred) options.onDateFormat?.(inferred);
  const parser = createRowParser(entity, { file, mapping: columns.mapping, dateFormat: options.dateFormat || inferred?.format, preset: preset ? { ...preset, source: undefined } : null, context: contextFor(options, preset), defaultChannel: options.channel ?? null });
  parser.checkHeaders(source.headers);
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  // A batch holding an order's first rows grows to keep the rest, up to this many rows: an order
  // split across batches had the lines of its later batches removed as not restated and inserted
  // again (a re-import at --batch-size 1 of the UCI sample reported 277 orders updated), and
  // memory stays bounded for an order of more lines than any till prints.
  const wholeOrderRows = Math.max(2 * batchSize, minimumWholeOrderRows);
  let rows: CanonicalRow[E][] = [];
  let rejects: Reject[] = [];
  // the raw text of the rows of orders totalled from their lines, for settle-line-totals' rejects
  let records = new Map<number, string>();
  let rejectedOrders = new Map<string, number>();
  let rejectedOrderKeys = new Set<string>();
  let maskedPhones = noMaskedPhones;
  // the order of the batch's last rejected row, when no row was kept after it: the rest of an
  // order whose rows are all rejected stays in its batch, so the order is counted rejected once
  let lastRejectedOrder: string | undefined;
  // a rejected row stays with the order the batch ends in: the last kept row's, or the last rejected row's
  const staysWithLastOrder = (orderKey: string | undefined) =>
    namesLastOrder(entity, rows, orderKey) || (orderKey !== undefined && orderKey === lastRejectedOrder);
  const batch = (): ParsedBatch<E> => {
    const settled = settleBatch(entity, rows, rejects, { file, linesOf: 'file' }, (line) => records.get(line), rejectedOrders, rejectedOrderKeys);
    return { ...settled, maskedPhones, bytesRead: source.bytesRead(), totalBytes: source.totalBytes };
  };
  for await (const items of resumed(first, chunks)) {
    for (const item of items) {
      if (item.kind === 'problem') {
        // a row the reader could not read takes its order with it, as a row with a bad field does
        const order = item.values ? parser.orderOfUnreadable(item.values) : {};
        const size = rows.length + rejects.length;
        if (size >= batchSize && !(size < wholeOrderRows && staysWithLastOrder(order.orderKey))) {
          yield batch();
          [rows, rejects, records, rejectedOrders, rejectedOrderKeys, maskedPhones] = [[], [], new Map(), new Map(), new Set(), noMaskedPhones];
        }
        rejects.push({ file, line: item.line, field: null, code: item.code, params: item.params, reason: item.reason, ...(item.raw ? { raw: item.raw } : {}) });
        noteRejectedOrder(order, item.line, rejectedOrders, rejectedOrderKeys);
        lastRejectedOrder = order.orderKey;
        continue;
      }
      const parsed = parser.parse(item);
      const size = rows.length + rejects.length;
      // The rows of an order's lines stay in one batch (up to wholeOrderRows): an order totalled
      // from its lines has its refund checked against all of them (settle-line-totals.ts), and an
      // import states all of an order's lines at once (write-order-lines.ts, staleLinesOf).
      // So do the rows of an order after its rejected ones, and the rest of an order whose rows
      // are all rejected: split across batches, each batch counted it rejected again (the UCI
      // sample's rejected orders were 67 at the default batch size and 71 at 500).
      const continues = parsed.reject
        ? staysWithLastOrder(parsed.orderKey)
        : continuesOrder(entity, rows, parsed.row) || (lastRejectedOrder !== undefined && orderKeyOfRow(entity, parsed.row) === lastRejectedOrder);
      if (size >= batchSize && !(size < wholeOrderRows && continues)) {
        yield batch();
        [rows, rejects, records, rejectedOrders, rejectedOrderKeys, maskedPhones] = [[], [], new Map(), new Map(), new Set(), noMaskedPhones];
      }
      if (parsed.reject) {
        rejects.push(withNumbersAsSent(parsed.reject, item.asSent));
        noteRejectedOrder(parsed, item.line, rejectedOrders, rejectedOrderKeys);
        lastRejectedOrder = parsed.orderKey;
      } else {
        lastRejectedOrder = undefined;
        rows.push(parsed.row);
        if (parsed.maskedPhone) maskedPhones = withMaskedPhone(maskedPhones, parsed.maskedPhone);
        if (entity === 'orders' && isTotalledFromLines(parsed.row as CanonicalOrder)) records.set(item.line, item.raw);
      }
    }
  }
  if (rows.length + rejects.length > 0 || source.totalBytes === 0) yield batch();
}

/** The chunks of an iterator whose first result was already taken. */
async function* resumed<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  try {
    if (first.done) return;
    yield first.value;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    // a caller that stops early closes the file, as for await over the source would
    await rest.return?.(undefined);
  }
}

/** The row is the next line of the order the batch's last row is a line of. */
function continuesOrder(entity: ImportEntity, rows: readonly CanonicalRow[ImportEntity][], row: CanonicalRow[ImportEntity]): boolean {
  if (rows.length === 0) return false;
  if (entity === 'lines') {
    const [last, next] = [rows[rows.length - 1] as CanonicalOrderLine, row as CanonicalOrderLine];
    return last.orderExternalId === next.orderExternalId && last.source === next.source;
  }
  if (entity !== 'orders') return false;
  const last = rows[rows.length - 1] as CanonicalOrder;
  const next = row as CanonicalOrder;
  return next.orderLine !== null && last.orderLine !== null && last.externalId === next.externalId && last.source === next.source;
}

/** The order a row of an orders or lines file belongs to (orderKeyOf), else undefined. */
function orderKeyOfRow(entity: ImportEntity, row: CanonicalRow[ImportEntity]): string | undefined {
  if (entity === 'lines') return orderKeyOf((row as CanonicalOrderLine).source, (row as CanonicalOrderLine).orderExternalId);
  return entity === 'orders' ? orderKeyOf((row as CanonicalOrder).source, (row as CanonicalOrder).externalId) : undefined;
}

/** A rejected row (its `orderKey`) belongs to the order the batch's last row is a line of: it stays in that order's batch. */
function namesLastOrder(entity: ImportEntity, rows: readonly CanonicalRow[ImportEntity][], orderKey: string | undefined): boolean {
  if (orderKey === undefined || rows.length === 0) return false;
  if (entity === 'lines') {
    const last = rows[rows.length - 1] as CanonicalOrderLine;
    return orderKeyOf(last.source, last.orderExternalId) === orderKey;
  }
  if (entity !== 'orders') return false;
  const last = rows[rows.length - 1] as CanonicalOrder;
  return last.orderLine !== null && orderKeyOf(last.source, last.externalId) === orderKey;
}

/** A rejected row's order is counted (`keys`); a rejected line row of an orders file rejects its order whole (`wholeOrders`: order → first such line). */
function noteRejectedOrder(parsed: { orderKey?: string; rejectsOrder?: boolean }, line: number, wholeOrders: Map<string, number>, keys: Set<string>): void {
  if (parsed.orderKey === undefined) return;
  keys.add(parsed.orderKey);
  if (parsed.rejectsOrder && !wholeOrders.has(parsed.orderKey)) wholeOrders.set(parsed.orderKey, line);
}

/**
 * Orders are settled once the batch holds all their rows: one with a rejected
 * row (of an orders or a lines file) is rejected whole, and one totalled from
 * its lines has its refund checked.
 */
function settleBatch<E extends ImportEntity>(
  entity: E, batchRows: CanonicalRow[E][], batchRejects: Reject[], place: { file: string; linesOf: LinesOf }, rawOfLine: (line: number) => string | undefined,
  rejectedOrders: ReadonlyMap<string, number>, rejectedOrderKeys: ReadonlySet<string>,
): { rows: CanonicalRow[E][]; rejects: Reject[]; rejectedOrderKeys: string[] } {
  if (entity !== 'orders' && entity !== 'lines') return { rows: batchRows, rejects: batchRejects, rejectedOrderKeys: [...rejectedOrderKeys] };
  const whole = rejectWholeOrders(batchRows as Array<CanonicalOrder | CanonicalOrderLine>, rejectedOrders, place);
  const rejects = whole.rejects.length === 0 ? batchRejects : [...batchRejects, ...whole.rejects].sort((a, b) => a.line - b.line);
  if (entity === 'lines') return { rows: whole.rows as CanonicalRow[E][], rejects, rejectedOrderKeys: [...rejectedOrderKeys] };
  const rows = whole.rows as CanonicalOrder[];
  settleOrderOutcomes(rows);
  const settled = settleOrdersTotalledFromLines(rows, place.file, rawOfLine);
  const keys = [...rejectedOrderKeys];
  if (settled.rejects.length > 0) {
    const refused = new Set(settled.rejects.map((reject) => reject.line));
    for (const row of rows) if (refused.has(row.line)) keys.push(orderKeyOf(row.source, row.externalId));
  }
  return { rows: settled.rows as CanonicalRow[E][], rejects: settled.rejects.length === 0 ? rejects : [...rejects, ...settled.rejects], rejectedOrderKeys: keys };
}

/**
 * A JSON record's `raw`: the record as its sender wrote it, as JSON text (its keys in the order
 * sent). It has no line of a file, and its values joined like a CSV row would sit under no header.
 */
export function recordText(record: unknown): string {
  return JSON.stringify(record) ?? String(record);
}

/**
 * The same validation for JSON API payloads: an array of objects with canonical field names.
 * Line numbers are positions in the array, from 1. A record lacking a required field is rejected
 * alone, whatever the others hold (recordBatchHeaders); no header check refuses the batch.
 */
export function rowsFromRecords<E extends ImportEntity>(
  entity: E,
  records: readonly unknown[],
  options: { context: IngestContext; file?: string; mapping?: Mapping; dateFormat?: string | null; lines?: readonly number[] },
): { rows: CanonicalRow[E][]; rejects: Reject[]; rejectedOrderKeys: string[]; maskedPhones: MaskedPhones } {
  const file = options.file ?? 'request';
  // a record's line: its place in its file when the sender says it (a file sent in batches), else its place in the request
  const lineOf = (index: number) => options.lines?.[index] ?? index + 1;
  const place = { file, linesOf: options.lines ? 'file' : 'batch' } as const;
  requireReadableDateFormat(options.dateFormat, 'dateFormat');
  const parser = createRowParser(entity, { file, mapping: options.mapping, dateFormat: options.dateFormat, context: options.context });
  const keys = new Set<string>();
  for (const record of records) if (record && typeof record === 'object' && !Array.isArray(record)) for (const key of Object.keys(record)) keys.add(key);
  const headers = recordBatchHeaders(entity, [...keys], options.mapping);
  parser.checkHeaders(headers);
  const rows: CanonicalRow[E][] = [];
  const rejects: Reject[] = [];
  const texts = new Map<number, string>();
  const rejectedOrders = new Map<string, number>();
  const rejectedOrderKeys = new Set<string>();
  let maskedPhones = noMaskedPhones;
  const firstLine = entity === 'orders' ? firstOrderLineRecord(records, lineOf) : null;
  records.forEach((record, index) => {
    const line = lineOf(index);
    const raw = recordText(record);
    texts.set(line, raw);
    const values = valuesFromJson(record);
    if (typeof values === 'string') {
      rejects.push({ file, line, field: nonScalarField(record), ...jsonValuesProblem(record, line), reason: `${rowName(line, place)} ${values}`, raw });
      const readable = scalarValues(record).values;
      noteRejectedOrder(readable ? parser.orderOfUnreadable(readable) : {}, line, rejectedOrders, rejectedOrderKeys);
      return;
    }
    // Every item sees every key, so a field absent from this item reads as empty, not unmapped.
    for (const key of headers) if (!(key in values)) values[key] = null;
    const nested = nestedKeysOf(record);
    const parsed = parser.parse({ line, values, raw, ...(nested.length > 0 ? { nested } : {}) });
    if (parsed.reject) {
      rejects.push(withNumbersAsSent(explainMixedOrderBatch(parsed.reject, record, firstLine, place), numbersAsSent(record)));
      noteRejectedOrder(parsed, line, rejectedOrders, rejectedOrderKeys);
    } else {
      rows.push(parsed.row);
      if (parsed.maskedPhone) maskedPhones = withMaskedPhone(maskedPhones, parsed.maskedPhone);
    }
  });
  return { ...settleBatch(entity, rows, rejects, place, (line) => texts.get(line), rejectedOrders, rejectedOrderKeys), maskedPhones };
}

/**
 * A default channel is for orders, whose rows may give none; one a preset's mapping reads every
 * order's channel from (shopee-orders' marketplace, Shopify's web or store) would change nothing,
 * so a --channel other than the preset's own is refused rather than ignored.
 */
function requireChannelReadable(entity: ImportEntity, channel: OrderChannel | null, preset: Preset | null): void {
  if (channel === null) return;
  if (entity !== 'orders') throw new AppError('IMPORT_OPTION_INVALID', `--channel sets the channel of orders; a ${entity} file has no order channel. Leave out --channel.`, { field: 'channel' });
  if (!preset || channel === preset.channel || presetMappingOf(preset, []).channel === undefined) return;
  const own = preset.channel ? ` (${preset.channel})` : '';
  throw new AppError('IMPORT_OPTION_INVALID', `--channel ${channel} would change no order: the ${preset.name} preset sets every order's channel itself${own}. Leave out --channel, or import without the preset, mapping the columns with --map.`,
    { field: 'channel' });
}

/** A date format that cannot read dates is refused before the first row, not row by row (IMPORT_DATE_FORMAT_INVALID). */
function requireReadableDateFormat(dateFormat: string | null | undefined, field: string): void {
  if (!dateFormat) return;
  const problem = dateFormatProblem(dateFormat);
  if (problem) throw new AppError('IMPORT_DATE_FORMAT_INVALID', `${problem[0].toUpperCase()}${problem.slice(1)}.`, { field });
}
