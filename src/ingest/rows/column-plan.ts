import type { ImportEntity } from '../canonical.js';
import { presetMappingOf, type Preset } from '../presets/preset.js';
import { canonicalFields, fieldsMeetingUnmet, fieldsStillNeeded, headerCheck, normaliseColumnName, orderLineFields, readsWholeOrders, resolveColumns, type Mapping } from './fields.js';
import { headerWords, splitNameColumns, synonymsFor } from './header-synonyms.js';
import { contactField, contactKindOfValues, holdsMostlyNames, type ContactKind } from './contact-columns.js';

/**
 * A field read from a column under a common other name ("Date" for ordered_at, "Statuss" for status).
 * `valuesAre`: set when the column's values, not its name, chose the field: a column named like
 * a customer id ("Klients") whose first values are mostly emails is read as the email, one of
 * names as the name. `toldApartBy`: with `valuesAre: 'name'`, the columns that identify the
 * customers instead (their email and phone).
 */
export type GuessedColumn = { field: string; column: string; valuesAre?: ContactKind | 'name'; toldApartBy?: string[] };

/**
 * Why a column of the file is not read:
 * - `no_field`: its name is no field's; `field` is one it seems to mean (a close spelling such
 *   as "amout_refunded", or a common other name such as "Refund"), else null;
 * - `line_needs_unit_price`: it holds an order line's `field` (product_name…), and the orders file
 *   has no unit_price, so each row is read as a whole order (fields.ts, readsWholeOrders);
 * - `field_read_from_another_column`: it is named like `field`, which --map reads from another column.
 */
export type IgnoredColumnReason = 'no_field' | 'line_needs_unit_price' | 'field_read_from_another_column';
export type IgnoredColumn = { column: string; field: string | null; reason: IgnoredColumnReason };

/** `mapping`: what the row parser is given (the guesses and --map; it adds the preset's own); `readFields`: every field a column is read as. */
export type ColumnPlan = { mapping: Mapping; guessed: GuessedColumn[]; ignored: IgnoredColumn[]; readFields: ReadonlySet<string> };

/** The file's first records, by column, for judging what a guessed column holds. */
export type ColumnSample = ReadonlyArray<Readonly<Record<string, string | null>>>;

/**
 * Which column each field is read from, decided once from the header. A required field no
 * column is named like is read from the one column under a common other name (the web app's
 * guesses, header-synonyms.ts); when several columns could hold it, none is guessed and the
 * header check says which to pick. An optional field is read the same way (guessOptionalColumns):
 * left unread, a Latvian "Statuss" column stored cancelled orders as paid and an Indonesian
 * "Nama" column left every customer nameless. But not a money field (moneyFields), nor one
 * several columns could hold: those columns are reported as not read, naming the field they
 * seem to hold, and so is a column only spelled close to a field's name (likelyField). Line fields
 * of an orders file read as whole orders are not guessed either (readsWholeOrders). A preset
 * knows its export: nothing is guessed, and the export's other columns are not reported
 * (Shopify's has dozens).
 * A column guessed as the customer id whose `sample` values are mostly emails or phone numbers
 * is read as the customer's email or phone instead, and one of names as the name when another
 * column holds the email or phone (see readContactsAsContacts); --map is obeyed.
 * A name split over two columns ("Name" and "Surname") is read as its first and last name.
 * Throws as headerCheck does.
 */
export function planColumns(entity: ImportEntity, headers: readonly string[], options: { preset: Preset | null; mapping: Mapping; sample?: ColumnSample }): ColumnPlan {
  const { preset } = options;
  const presetMapping = presetMappingOf(preset, headers);
  const stated = { ...presetMapping, ...options.mapping };
  const byNames = preset ? { guessed: [], ambiguous: new Map<string, string[]>(), named: new Map<string, string>() } : guessRequiredColumns(entity, headers, stated);
  const { ambiguous } = byNames;
  // a name split in two is read as its parts: the whole name's column alone would keep the
  // first name and lose the surname (splitNameColumns)
  const nameParts = preset ? [] : splitNameColumns(entity, headers, stated).filter(({ field, column }) => byNames.named.get(field) !== column);
  const optional = preset ? [] : guessOptionalColumns(entity, headers, byNames, nameParts);
  const contacts = readContactsAsContacts(entity, [...byNames.guessed, ...optional], byNames.named, options.sample ?? []);
  const allHeaders = [...headers, ...(preset?.addedColumns ?? [])];
  const asGuessed = (guesses: readonly GuessedColumn[]): Mapping => ({ ...Object.fromEntries(guesses.map(({ field, column }) => [field, column])), ...options.mapping });
  const checked = { ...presetMapping, ...asGuessed([...contacts, ...nameParts]) };
  const read = headerCheck(entity, allHeaders, checked, ambiguous, preset ? new Map() : unguessedLookalikes(entity, headers, checked), preset?.name ?? null);
  // a guessed line column of a file read as whole orders is set aside, and reported as such
  const guessed = [...contacts, ...nameParts].filter(({ field, column }) => read.get(field) === column);
  const mapping = asGuessed(guessed);
  return { mapping, guessed, ignored: preset ? [] : ignoredColumns(entity, headers, mapping, read), readFields: new Set(read.keys()) };
}

/**
 * Optional fields a wrong guess would silently change revenue with: a Discount column of
 * percentages read as discount_amount, a Refund column of yes/no read as refunded_amount, a Price
 * column that would make every row of an orders file an order line. They are only suggested.
 */
export const moneyFields: ReadonlySet<string> = new Set(['amount', 'refunded_amount', 'discount_amount', 'unit_price']);

/**
 * The optional fields no column is named like, each read from the one column (not already read)
 * whose header is one of the field's common other names, compared as headerWords does: "Statuss"
 * for status, "Nama", "Telepon" and "Kota" for a customer's name, phone and city. A field
 * several columns could hold ("Payment Status" and "Order Status") is not guessed, nor a money field,
 * nor one `nameParts` read; those columns stay reported as not read.
 */
function guessOptionalColumns(entity: ImportEntity, headers: readonly string[], required: { guessed: readonly GuessedColumn[]; named: ReadonlyMap<string, string> }, nameParts: readonly GuessedColumn[]): GuessedColumn[] {
  const given = [...required.guessed, ...nameParts];
  const taken = new Set([...required.named.keys(), ...given.map(({ field }) => field)]);
  const used = new Set([...required.named.values(), ...given.map(({ column }) => column)]);
  const synonyms = synonymsFor(entity, headers);
  const guessed: GuessedColumn[] = [];
  for (const field of canonicalFields[entity]) {
    if (taken.has(field) || moneyFields.has(field)) continue;
    const names = new Set((synonyms[field] ?? []).map(headerWords));
    const candidates = headers.filter((header) => !used.has(header) && names.has(headerWords(header)));
    if (candidates.length !== 1) continue;
    guessed.push({ field, column: candidates[0] });
    used.add(candidates[0]);
  }
  return guessed;
}

/**
 * For each field that would meet a requirement the mapping leaves unmet, the one unread column
 * named with a common other name of it: a money field's ("Cena" for unit_price) is not guessed
 * (moneyFields), but a file that cannot be read without it is told which --map to add.
 */
function unguessedLookalikes(entity: ImportEntity, headers: readonly string[], mapping: Mapping): Map<string, string> {
  const columns = resolveColumns(entity, headers, mapping);
  const used = new Set(columns.values());
  const synonyms = synonymsFor(entity, headers);
  const lookalikes = new Map<string, string>();
  for (const field of fieldsMeetingUnmet(entity, new Set(columns.keys()))) {
    const names = new Set((synonyms[field] ?? []).map(headerWords));
    const candidates = headers.filter((header) => !used.has(header) && names.has(headerWords(header)));
    if (candidates.length === 1) lookalikes.set(field, candidates[0]);
  }
  return lookalikes;
}

/** `named`: the fields --map or the columns' own names already give a column. */
function guessRequiredColumns(entity: ImportEntity, headers: readonly string[], stated: Mapping): { guessed: GuessedColumn[]; ambiguous: Map<string, string[]>; named: Map<string, string> } {
  const columns = resolveColumns(entity, headers, stated);
  const used = new Set(columns.values());
  const guessed: GuessedColumn[] = [];
  const ambiguous = new Map<string, string[]>();
  const synonyms = synonymsFor(entity, headers);
  for (const field of fieldsStillNeeded(entity, new Set(columns.keys()))) {
    const names = new Set((synonyms[field] ?? []).map(headerWords));
    const candidates = headers.filter((header) => !used.has(header) && names.has(headerWords(header)));
    if (candidates.length === 1) guessed.push({ field, column: candidates[0] });
    else if (candidates.length > 1) ambiguous.set(field, candidates);
  }
  return { guessed, ambiguous, named: columns };
}

/**
 * A shop's "Klients" or "Customer" column often holds the buyer's email or phone: read as an
 * opaque id, the same person would be one customer by that id and another by the email the
 * customers file (or another order) gives. So a column guessed as customer_id whose first values
 * are mostly emails (phone numbers) is read as customer_email (customer_phone; email and phone in
 * a customers file), unless another column already holds that field. Likewise a column of names
 * ("Pelanggan": "Budi Santoso") is read as the name (readNamesAsNames). The web app's mapping guess
 * applies it too, so a suggested mapping confirmed in the browser reads the file as the CLI does.
 */
export function readContactsAsContacts(entity: ImportEntity, guessed: GuessedColumn[], named: ReadonlyMap<string, string>, sample: ColumnSample): GuessedColumn[] {
  if (sample.length === 0) return guessed;
  const taken = new Set([...named.keys(), ...guessed.map(({ field }) => field)]);
  const contacts = guessed.map((guess) => {
    if (guess.field !== 'customer_id') return guess;
    const kind = contactKindOfValues(sample.map((values) => values[guess.column]));
    const field = kind === null ? null : contactField(canonicalFields[entity], kind);
    if (kind === null || field === null || taken.has(field)) return guess;
    taken.add(field);
    return { field, column: guess.column, valuesAre: kind };
  });
  return readNamesAsNames(entity, contacts, named, sample);
}

/** The field that holds a customer's whole name, for the entities that name one. */
const customerNameField: Partial<Record<ImportEntity, string>> = { customers: 'name', orders: 'customer_name' };

/**
 * An Indonesian "Pelanggan" or Latvian "Klients" column often holds the buyer's name: read as an
 * id, two people called "Budi" were one customer, and every walk-in "Umum" one repeat buyer. So a
 * column guessed as customer_id whose first values are mostly names (holdsMostlyNames) is never
 * read as the customer's identity: it is read as the name when no other column holds it (else not
 * at all), and the customers are told apart by the email or phone columns (`toldApartBy`). A file
 * with none of those lacks a customer and says so, naming the name column (fields.ts, headerCheck):
 * its names were never a way to tell buyers apart. `--map customer_id=Column` is obeyed.
 */
function readNamesAsNames(entity: ImportEntity, guessed: GuessedColumn[], named: ReadonlyMap<string, string>, sample: ColumnSample): GuessedColumn[] {
  const nameField = customerNameField[entity];
  const columns = new Map([...named, ...guessed.map(({ field, column }): [string, string] => [field, column])]);
  const toldApartBy = (['email', 'phone'] as const).flatMap((kind) => columns.get(contactField(canonicalFields[entity], kind) ?? '') ?? []);
  return guessed.flatMap((guess): GuessedColumn[] => {
    if (guess.field !== 'customer_id' || !holdsMostlyNames(sample.map((values) => values[guess.column]))) return [guess];
    if (nameField === undefined || columns.has(nameField)) return [];
    return [{ field: nameField, column: guess.column, valuesAre: 'name', ...(toldApartBy.length > 0 ? { toldApartBy } : {}) }];
  });
}

function ignoredColumns(entity: ImportEntity, headers: readonly string[], mapping: Mapping, read: ReadonlyMap<string, string>): IgnoredColumn[] {
  const readColumns = new Set(read.values());
  const readFields = new Set(read.keys());
  // before the line columns of a whole-orders file are set aside: what each column would hold
  const named = new Map([...resolveColumns(entity, headers, mapping)].map(([field, column]) => [column, field]));
  const wholeOrders = readsWholeOrders(entity, readFields);
  const ignored: IgnoredColumn[] = [];
  for (const column of headers) {
    if (readColumns.has(column)) continue;
    const field = named.get(column) ?? ownField(entity, column) ?? likelyField(entity, column, readFields, headers);
    if (field !== null && wholeOrders && orderLineFields.includes(field)) ignored.push({ column, field, reason: 'line_needs_unit_price' });
    else if (field !== null && readFields.has(field)) ignored.push({ column, field, reason: 'field_read_from_another_column' });
    else ignored.push({ column, field, reason: 'no_field' });
  }
  return ignored;
}

/** The field a column is named like ("Customer ID" for customer_id), whether or not it is read from it. */
function ownField(entity: ImportEntity, column: string): string | null {
  const name = normaliseColumnName(column);
  return canonicalFields[entity].includes(name) ? name : null;
}

/**
 * The unread field a column seems to hold: one of its common other names ("Refund"), else the
 * closest name within a typo or two, the words in any order ("amout_refunded" for
 * refunded_amount). Null when nothing is that close.
 */
export function likelyField(entity: ImportEntity, column: string, readFields: ReadonlySet<string> = new Set(), headers: readonly string[] = [column]): string | null {
  const words = sortedWords(column);
  if (words === '') return null;
  const synonyms = synonymsFor(entity, headers);
  let best: { field: string; distance: number } | null = null;
  for (const field of canonicalFields[entity]) {
    if (readFields.has(field)) continue;
    for (const name of [field, ...(synonyms[field] ?? [])]) {
      const candidate = sortedWords(name);
      const distance = editDistance(words, candidate);
      const allowed = distance === 0 ? 0 : typosAllowed(words, candidate);
      if (distance <= allowed && typosWithinWords(words, candidate) && (best === null || distance < best.distance)) best = { field, distance };
    }
  }
  return best?.field ?? null;
}

function typosAllowed(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  return shorter >= 10 ? 2 : shorter >= 4 ? 1 : 0;
}

/**
 * Names of as many words differ by typos within each word, not by one word for another:
 * "customer_note" is no misspelled customer_name, though the two are two letters apart.
 */
function typosWithinWords(column: string, name: string): boolean {
  const [columnWords, nameWords] = [column.split(' '), name.split(' ')];
  if (columnWords.length !== nameWords.length) return true;
  return columnWords.every((word, index) => editDistance(word, nameWords[index]) <= typosAllowed(word, nameWords[index]));
}

/** "Amout_Refunded" and "refunded amount" compare as "amout refunded" and "amount refunded". */
function sortedWords(name: string): string {
  return headerWords(name).split(' ').filter(Boolean).sort().join(' ');
}

/** Optimal string alignment distance: a transposed pair ("emial") counts as one typo. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
