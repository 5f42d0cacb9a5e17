import { AppError } from '../../core/errors.js';
import type { ImportEntity } from '../canonical.js';
import { contactField, contactKindOfName } from './contact-columns.js';

/** Canonical column names per entity: a file using these names needs no mapping. */
export const canonicalFields: Record<ImportEntity, readonly string[]> = {
  customers: ['customer_id', 'name', 'first_name', 'last_name', 'email', 'phone', 'birth_year', 'gender', 'city', 'region', 'country', 'income_band', 'kind',
    'consent_email', 'consent_sms', 'consent_whatsapp', 'consent_profiling', 'created_at'],
  orders: ['order_id', 'customer_id', 'customer_email', 'customer_phone', 'customer_name', 'customer_first_name', 'customer_last_name',
    'customer_city', 'customer_region', 'customer_country', 'ordered_at', 'amount', 'currency', 'channel', 'status',
    'refunded_amount', 'discount_amount', 'promotion_code', 'recipient_id', 'recipient_email', 'recipient_phone', 'location',
    'sku', 'product_name', 'category', 'quantity', 'returned_quantity', 'unit_price', 'line_no'],
  lines: ['order_id', 'line_no', 'sku', 'product_name', 'category', 'quantity', 'unit_price', 'currency'],
  products: ['sku', 'name', 'category', 'unit_price', 'currency'],
  events: ['event_id', 'customer_id', 'customer_email', 'customer_phone', 'kind', 'channel', 'occurred_at', 'detail'],
};

/** Families of columns named `<prefix><name>`, e.g. `external_id.loyalty_card`. */
export const prefixedFields: Record<ImportEntity, readonly string[]> = {
  customers: ['external_id.', 'attribute.'],
  orders: [], lines: [], products: [], events: [],
};

/** Fields whose presence makes an orders file line-level (one row per order line). */
export const lineLevelFields = ['sku', 'product_name', 'quantity', 'unit_price', 'line_no'] as const;

/**
 * An orders file's fields that only an order line holds (build-order.ts, buildLine). A returned
 * quantity does not make a file line-level: it only says how much of a line a refund took back.
 */
export const orderLineFields: readonly string[] = [...lineLevelFields, 'category', 'returned_quantity'];

/**
 * An orders file with an amount but no unit_price is read as whole orders, its line columns set
 * aside (reported as not read): a line without its price cannot be stored, and reading a
 * product_name column as lines would reject every row for its empty unit_price although the
 * row states its order's amount.
 */
export function readsWholeOrders(entity: ImportEntity, fields: { has(field: string): boolean }): boolean {
  return entity === 'orders' && fields.has('amount') && !fields.has('unit_price');
}

/** Canonical field → the file's column holding it. */
export type Mapping = Record<string, string>;

/** Header spellings that mean the same field: "Customer ID", "customer-id", "CUSTOMER_ID". */
export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s\-]+/g, '_');
}

/** `--map field=Column` as a shell takes it: quoted when the column has spaces or other special characters. */
export function mapArgument(field: string, column: string): string {
  const pair = `${field}=${column}`;
  return /^[\w.=#@%+,:\/-]+$/u.test(pair) ? `--map ${pair}` : `--map "${pair.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** Parses repeatable `--map field=Column` arguments. */
export function parseMappingArguments(entity: ImportEntity, pairs: readonly string[]): Mapping {
  const mapping: Mapping = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    const field = separator > 0 ? pair.slice(0, separator).trim().toLowerCase() : '';
    const column = separator > 0 ? pair.slice(separator + 1).trim() : '';
    if (field === '' || column === '') {
      throw new AppError('IMPORT_OPTION_INVALID', `--map "${pair}" is not field=Column, e.g. --map customer_id=CustomerID.`, { field: 'map' });
    }
    const isKnown = canonicalFields[entity].includes(field) || prefixedFields[entity].some((prefix) => field.startsWith(prefix) && field.length > prefix.length);
    if (!isKnown) {
      throw new AppError('IMPORT_OPTION_INVALID', `--map ${pair}: "${field}" is not a field of ${entity} files. Fields: ${[...canonicalFields[entity], ...prefixedFields[entity].map((prefix) => `${prefix}<name>`)].join(', ')}.`, { field: 'map' });
    }
    mapping[field] = column;
  }
  return mapping;
}

/** Which of the file's columns holds each canonical field. */
export function resolveColumns(entity: ImportEntity, headers: readonly string[], mapping: Mapping): Map<string, string> {
  const byName = new Map<string, string>();
  for (const header of headers) if (!byName.has(normaliseColumnName(header))) byName.set(normaliseColumnName(header), header);
  const columns = new Map<string, string>();
  for (const [field, column] of Object.entries(mapping)) {
    const header = headers.includes(column) ? column : byName.get(normaliseColumnName(column));
    if (header === undefined) {
      throw new AppError('IMPORT_COLUMN_MISSING', `--map ${field}=${column}: the file has no column "${column}". Columns found: ${headers.filter((name) => !isAddedColumn(name)).join(', ')}.`, { field, hint: 'Check the spelling of the column in --map.' });
    }
    columns.set(field, header);
  }
  const mappedColumns = new Set(columns.values());
  for (const field of canonicalFields[entity]) {
    const header = byName.get(field);
    if (!columns.has(field) && header !== undefined && !mappedColumns.has(header)) columns.set(field, header);
  }
  for (const prefix of prefixedFields[entity]) {
    for (const [normalised, header] of byName) {
      if (normalised.startsWith(prefix) && normalised.length > prefix.length && !columns.has(normalised) && !mappedColumns.has(header)) {
        // Keep the name part as written: it becomes a namespace or attribute name.
        columns.set(`${prefix}${header.trim().slice(prefix.length)}`, header);
      }
    }
  }
  return columns;
}

/**
 * What a file or batch must hold; `field` is the one an error names (and the one a JSON batch
 * reads as empty when no record has it, recordBatchHeaders), `guessable` the fields a header guess
 * may fill when it is unmet (column-plan.ts), `metBy` every field one column of which meets it
 * (unit_price too, though never guessed).
 */
type Requirement = { label: string; field: string; guessable: readonly string[]; metBy: readonly string[]; isMet: (fields: Set<string>) => boolean };

const oneOf = (...names: string[]): Requirement => ({
  label: names.length === 1 ? names[0] : `one of ${names.join('/')}`,
  field: names[0],
  guessable: names,
  metBy: names,
  isMet: (fields) => names.some((name) => fields.has(name)),
});
const customerIdentity: Requirement = {
  label: 'one of customer_id/email/phone/external_id.<namespace>',
  field: 'customer_id',
  guessable: ['customer_id', 'email', 'phone'],
  metBy: ['customer_id', 'email', 'phone'],
  isMet: (fields) => ['customer_id', 'email', 'phone'].some((name) => fields.has(name)) || [...fields].some((name) => name.startsWith('external_id.')),
};
const orderAmount: Requirement = {
  label: 'amount (or unit_price for line-level files)',
  field: 'amount',
  // a guessed unit price would make every row an order line: only a stated one does
  guessable: ['amount'],
  metBy: ['amount', 'unit_price'],
  isMet: (fields) => fields.has('amount') || fields.has('unit_price'),
};

const requirements: Record<ImportEntity, Requirement[]> = {
  customers: [customerIdentity],
  orders: [oneOf('order_id'), oneOf('ordered_at'), oneOf('customer_id', 'customer_email', 'customer_phone'), orderAmount],
  lines: [oneOf('order_id'), oneOf('unit_price')],
  products: [oneOf('sku')],
  events: [oneOf('kind'), oneOf('occurred_at'), oneOf('customer_id', 'customer_email', 'customer_phone')],
};

/**
 * A column whose name shares a word with the field (Customer Number for customer_id), to put in
 * the example: the first column would suggest mapping, say, customer_id to the order id. Never
 * a column named as an email or phone for another field: `--map customer_id=Customer Email`
 * would store each address as an id, a customer apart from the one the address names.
 */
function likelyColumn(field: string, headers: readonly string[]): string | undefined {
  // a time field (ordered_at, occurred_at) is usually a "date" or "time" column
  const words = [...field.split('_').filter((word) => word.length > 2 && word !== 'id'), ...(field.endsWith('_at') ? ['date', 'time'] : [])];
  const holdsOther = (header: string) => {
    const kind = contactKindOfName(header);
    return kind !== null && contactField([field], kind) === null;
  };
  return headers.find((header) => words.some((word) => header.toLowerCase().includes(word)) && !holdsOther(header));
}

/** For a missing customer reference, the column named as an email or phone and the field that reads it (email=E-pasts). */
function contactSuggestion(requirement: Requirement, headers: readonly string[]): { field: string; column: string } | null {
  for (const column of headers) {
    const kind = contactKindOfName(column);
    const field = kind === null ? null : contactField(requirement.guessable, kind);
    if (field !== null) return { field, column };
  }
  return null;
}

/** The fields a header guess may fill because a requirement these fields leave unmet needs them. */
export function fieldsStillNeeded(entity: ImportEntity, fields: ReadonlySet<string>): string[] {
  const all = new Set(fields);
  return requirements[entity].filter((requirement) => !requirement.isMet(all)).flatMap((requirement) => requirement.guessable);
}

/** Whether the field alone meets one of what the entity's file must hold (customer_id, email; unit_price for an orders file's amount). */
export function meetsARequirement(entity: ImportEntity, field: string): boolean {
  return requirements[entity].some((requirement) => requirement.isMet(new Set([field])));
}

/** The fields any one of which would meet a requirement these fields leave unmet (amount or unit_price…). */
export function fieldsMeetingUnmet(entity: ImportEntity, fields: ReadonlySet<string>): string[] {
  const all = new Set(fields);
  return requirements[entity].filter((requirement) => !requirement.isMet(all)).flatMap((requirement) => requirement.metBy);
}

/**
 * The columns a JSON batch's records are read as: the keys they hold, plus the field of each
 * requirement none of them meets (amount, customer_id…), read as empty in every record. A record
 * lacking a required field is then rejected alone (FIELD_REQUIRED, CUSTOMER_MISSING…), whatever the
 * batch's other records hold: checked like a file's header, a batch of such records was refused
 * whole, and the same record beside one that had the field was its own reject.
 */
export function recordBatchHeaders(entity: ImportEntity, keys: readonly string[], mapping: Mapping = {}): string[] {
  const fields = new Set(columnsRead(entity, keys, mapping).keys());
  const unmet = requirements[entity].filter((requirement) => !requirement.isMet(fields)).map((requirement) => requirement.field);
  return [...keys, ...unmet.filter((field) => !keys.includes(field))];
}

/** resolveColumns less what the file cannot use: an orders file's line columns when it reads whole orders. */
export function columnsRead(entity: ImportEntity, headers: readonly string[], mapping: Mapping): Map<string, string> {
  const columns = resolveColumns(entity, headers, mapping);
  if (readsWholeOrders(entity, columns)) for (const field of orderLineFields) columns.delete(field);
  return columns;
}

/**
 * Fails fast, before any row is read, when the file cannot hold the entity's required fields,
 * saying what was found, what is needed and how to map it. A JSON batch is not checked so: each of
 * its records lacking a field is rejected alone (recordBatchHeaders). `ambiguous`: the
 * fields several columns could hold (column-plan.ts), named so the message says which to pick.
 * `lookalikes`: a field → the one column named with a common other name of it that was left
 * unread (a money field is never guessed: "Cena" for unit_price), named with the --map to give.
 */
export function headerCheck(
  entity: ImportEntity, headers: readonly string[], mapping: Mapping, ambiguous: ReadonlyMap<string, readonly string[]> = new Map(),
  lookalikes: ReadonlyMap<string, string> = new Map(), presetName: string | null = null,
): Map<string, string> {
  const columns = columnsRead(entity, headers, mapping);
  const fields = new Set(columns.keys());
  const unmet = requirements[entity].filter((requirement) => !requirement.isMet(fields));
  if (unmet.length === 0) return columns;
  const missing = unmet.map((requirement) => requirement.label);
  // the file's own columns: those a preset adds ("=status") are no column the reader can see
  const details = { field: unmet[0].field, missing, found: headers.filter((header) => !isAddedColumn(header)) };
  const lacks = lacksColumnsText(entity, missing, details.found);
  const delimiter = delimiterInHeader(headers);
  if (delimiter !== null) {
    const option = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
    throw new AppError(
      'IMPORT_COLUMN_MISSING',
      `The ${entity} file's header was read as one column, "${headers[0]}", which holds ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`}: the file is separated by ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`}, not as it was read. Import again with --delimiter ${option}.`,
      { ...details, hint: `Add --delimiter ${option}.` },
    );
  }
  const choices = unmet.flatMap((requirement) => requirement.guessable).filter((name) => (ambiguous.get(name)?.length ?? 0) > 1);
  const lookalike = choices.length === 0 ? unmet.flatMap((requirement) => requirement.metBy).find((name) => lookalikes.has(name)) : undefined;
  if (lookalike !== undefined) {
    const column = lookalikes.get(lookalike)!;
    throw new AppError(
      'IMPORT_COLUMN_MISSING',
      `${lacks} The column "${column}" looks like ${lookalike}: add ${mapArgument(lookalike, column)}.`,
      { ...details, hint: `Add ${mapArgument(lookalike, column)} if "${column}" holds ${lookalike}, or map another column with --map field=Column.` },
    );
  }
  const contact = choices.length === 0 ? contactSuggestion(unmet[0], headers) : null;
  const field = choices[0] ?? contact?.field ?? missing[0].replace(/^one of /, '').split(/[/ ]/)[0];
  const names = namesWithoutIdentity(entity, unmet, columns);
  // never the name column as the example for customer_id: "Customer Name" is named like the customer
  const example = ambiguous.get(field)?.[0] ?? contact?.column ?? likelyColumn(field, headers.filter((header) => header !== names?.column)) ?? 'YourColumn';
  const several = choices.map((name) => `Several columns could hold ${name} (${ambiguous.get(name)!.join(', ')}), so none was read as it. `).join('');
  throw new AppError(
    'IMPORT_COLUMN_MISSING',
    `${lacks} ${several}${names?.sentence ?? ''}` +
      (presetName === null
        ? `Map a column with --map field=Column (e.g. --map ${field}=${example}) or use a --preset.`
        : `The ${presetName} preset reads its export's own columns: check the file is one, or map a column with --map field=Column (e.g. --map ${field}=${example}).`),
    { ...details, hint: presetName === null ? 'Use --map field=Column or --preset <name>.' : 'Use --map field=Column.' },
  );
}

/**
 * How a header check's refusal starts: what the file lacks (`details.missing`) and the columns it
 * has (`details.found`), for advice after it (presets/recognise-export.ts).
 */
export function lacksColumnsText(entity: ImportEntity, missing: readonly string[], found: readonly string[]): string {
  return `The ${entity} file lacks ${missing.join(', ')}. Columns found: ${found.join(', ') || '(none)'}.`;
}

/** The fields holding a customer's name, whole or in parts, for the entities that name one. */
const customerNameFields: Partial<Record<ImportEntity, readonly string[]>> = {
  customers: ['name', 'first_name', 'last_name'],
  orders: ['customer_name', 'customer_first_name', 'customer_last_name'],
};

/**
 * When a file names its customers only by their names (Tokopedia's "Nama Pembeli", a till's
 * "Pelanggan" of names): the column, and a sentence saying why it is no identity and what to map.
 * A name cannot tell two buyers apart, so it is never guessed as customer_id (column-plan.ts).
 */
function namesWithoutIdentity(entity: ImportEntity, unmet: readonly Requirement[], columns: ReadonlyMap<string, string>): { column: string; sentence: string } | null {
  if (!unmet.some((requirement) => requirement.field === 'customer_id')) return null;
  const column = (customerNameFields[entity] ?? []).map((field) => columns.get(field)).find((found) => found !== undefined);
  if (column === undefined) return null;
  const fields = entity === 'customers' ? 'customer_id, email or phone' : 'customer_id, customer_email or customer_phone';
  return {
    column,
    sentence: `"${column}" holds names, and a name cannot tell two people apart (two called Budi Santoso would be one customer), so it is not read as the customer; `
      + `map the column that tells each customer apart as ${fields}: their id or username in the shop, their email or their phone. `,
  };
}

/** A column a preset adds to each record ("=phone", presets/preset.ts addedColumns), not one of the file's. */
const isAddedColumn = (header: string): boolean => header.startsWith('=');

/**
 * The delimiter a file's only column holds, when the header was read as one column (a preset's or
 * --delimiter's character, or a detection a file's first lines misled): columns a preset adds
 * ("=phone") aside. Null otherwise.
 */
function delimiterInHeader(headers: readonly string[]): string | null {
  const read = headers.filter((header) => !isAddedColumn(header));
  if (read.length !== 1) return null;
  return [';', '\t', ',', '|'].find((candidate) => read[0].split(candidate).length > 2) ?? null;
}
