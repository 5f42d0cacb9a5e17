// The server's own field list and header rules, so the browser maps exactly what the importer accepts.
import { canonicalFields, fieldsStillNeeded, normaliseColumnName, orderLineFields, prefixedFields, readsWholeOrders, resolveColumns, type Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';
import { headerWords, splitNameColumns, synonymsFor } from '../../../ingest/rows/header-synonyms.js';
import { moneyFields, readContactsAsContacts, type ColumnSample, type GuessedColumn } from '../../../ingest/rows/column-plan.js';

// the store's list (ingest/canonical.ts), the order the Data choice offers them in
export { importEntities } from '../../../ingest/canonical.js';

/**
 * The fields the mapping offers: the canonical ones, then the families' fields (`external_id.loyalty_card`)
 * the mapping holds or the file has a column for, so one unmapped by mistake can be mapped again.
 */
export function fieldsOf(entity: IngestEntity, mapping: Mapping = {}, headers: readonly string[] = []): string[] {
  const isFamilyField = (field: string) => prefixedFields[entity].some((prefix) => field.startsWith(prefix) && field.length > prefix.length);
  const familyFields = new Set([...Object.keys(mapping), ...resolveColumns(entity, headers, {}).keys()].filter(isFamilyField));
  return [...canonicalFields[entity], ...familyFields];
}

/**
 * A field left for the user to choose although columns are named like it: `several` columns
 * could hold it, or it holds `money` and is only guessed when the file cannot do without it.
 */
export type ColumnChoice = { columns: string[]; reason: 'several' | 'money' };

/**
 * The suggested mapping, and the fields it leaves unmapped for the user to pick a column for.
 * `setAside`: the order-line fields (product_name, quantity…) an orders file read as whole
 * orders would hold, left unmapped as the CLI leaves them unread (readsWholeOrders); they are
 * mapped once the user maps unit_price (withLinesSetAside).
 */
export type MappingGuess = { mapping: Mapping; choices: Record<string, ColumnChoice>; setAside: Mapping };

/**
 * Maps what it can without asking, as the CLI's file import reads a file without --map
 * (column-plan.ts, planColumns): first the columns already named like a field (any case, spaces
 * or dashes, and families such as `external_id.loyalty_card`), then, for what the file must
 * hold, the one column under a common other name ("Date", "Total", "Tanggal", "Summa"), then
 * the same for the optional fields, money fields aside. A field several columns could hold
 * ("Order Status" and "Payment Status") is not guessed: the first would win by its position
 * alone, so the user chooses, told which columns compete. A "Customer" column whose first `rows`
 * hold mostly emails (phone numbers) is mapped to the customer's email (phone). A name split
 * over two columns ("Name" and "Surname") is mapped to the first and last name. An orders file
 * with an amount and no unit_price is read as whole orders: its line columns ("Product", "Qty")
 * are left unmapped, as the CLI sets them aside, and kept in `setAside`.
 */
export function suggestMapping(entity: IngestEntity, headers: readonly string[], rows: ColumnSample = []): MappingGuess {
  const named = resolveColumns(entity, headers, {});
  const synonyms = synonymsFor(entity, headers);
  const used = new Set(named.values());
  const choices: Record<string, ColumnChoice> = {};
  const candidatesFor = (field: string) => {
    const names = new Set((synonyms[field] ?? []).map(headerWords));
    return headers.filter((header) => !used.has(header) && names.has(headerWords(header)));
  };
  const required: GuessedColumn[] = [];
  for (const field of fieldsStillNeeded(entity, new Set(named.keys()))) {
    const candidates = candidatesFor(field);
    if (candidates.length === 1) required.push({ field, column: candidates[0] });
    else if (candidates.length > 1) choices[field] = { columns: candidates, reason: 'several' };
  }
  // a name split in two is read as its parts: the whole name's column alone would lose the surname
  const nameParts = splitNameColumns(entity, headers).filter(({ field, column }) => named.get(field) !== column);
  const given = [...required, ...nameParts];
  const taken = new Set([...named.keys(), ...given.map(({ field }) => field), ...Object.keys(choices)]);
  for (const { column } of given) used.add(column);
  const optional: GuessedColumn[] = [];
  for (const field of canonicalFields[entity]) {
    if (taken.has(field)) continue;
    const candidates = candidatesFor(field);
    if (candidates.length === 0) continue;
    if (moneyFields.has(field)) choices[field] = { columns: candidates, reason: 'money' };
    else if (candidates.length > 1) choices[field] = { columns: candidates, reason: 'several' };
    else {
      optional.push({ field, column: candidates[0] });
      used.add(candidates[0]);
    }
  }
  const read = readContactsAsContacts(entity, [...required, ...optional], named, rows);
  const mapping = withNameParts({ ...Object.fromEntries(named), ...Object.fromEntries(read.map(({ field, column }) => [field, column])) }, nameParts);
  // mapped, a line column would be sent and then ignored by the server: a line needs its unit price
  if (!readsWholeOrders(entity, new Set(Object.keys(mapping)))) return { mapping, choices, setAside: {} };
  const isLine = ([field]: [string, string]) => orderLineFields.includes(field);
  const entries = Object.entries(mapping);
  // nor is a choice between two columns for a line field worth asking: only unit_price makes the file one of lines
  const lineChoices = Object.entries(choices).filter(([field]) => field !== 'unit_price' && orderLineFields.includes(field));
  for (const [field] of lineChoices) delete choices[field];
  return { mapping: Object.fromEntries(entries.filter((entry) => !isLine(entry))), choices, setAside: Object.fromEntries(entries.filter(isLine)) };
}

/**
 * The user's `next` mapping, with the line fields the suggestion set aside (suggestMapping)
 * mapped again when it stops reading whole orders (unit_price is now mapped): each to its column,
 * unless the field is mapped already or the column holds another field. The amount is unmapped then
 * unless its column is named amount: read as the CLI reads the file with `--map unit_price=…`
 * (column-plan.ts: a money field is guessed only when the file cannot do without it), each order's
 * total is the sum of its lines. A Shopee export's "Total Pembayaran", guessed while the rows were
 * whole orders, holds the shipping too, and stored as the total it made the web's revenue the
 * CLI's plus shipping. The user may map it again.
 */
export function withLinesSetAside(entity: IngestEntity, previous: Mapping, next: Mapping, setAside: Mapping): Mapping {
  const readsWhole = (mapping: Mapping) => readsWholeOrders(entity, new Set(Object.keys(mapping)));
  if (!readsWhole(previous) || readsWhole(next)) return next;
  const { amount, ...rest } = next;
  const lines = amount === undefined || normaliseColumnName(amount) === 'amount' ? next : rest;
  const used = new Set(Object.values(lines));
  const restored = Object.entries(setAside).filter(([field, column]) => lines[field] === undefined && !used.has(column));
  return { ...lines, ...Object.fromEntries(restored) };
}

/** The suggested mapping alone (suggestMapping). */
export function guessMapping(entity: IngestEntity, headers: readonly string[], rows: ColumnSample = []): Mapping {
  return suggestMapping(entity, headers, rows).mapping;
}

/** "Name" beside "Surname" is the first name: the column is moved from the whole name to the first name. */
function withNameParts(mapping: Mapping, parts: readonly GuessedColumn[]): Mapping {
  if (parts.length === 0) return mapping;
  const partColumns = new Set(parts.map(({ column }) => column));
  const kept = Object.entries(mapping).filter(([, column]) => !partColumns.has(column));
  return { ...Object.fromEntries(kept), ...Object.fromEntries(parts.map(({ field, column }) => [field, column])) };
}

/** One API record per CSV row, under canonical names; empty cells are left out so they read as "not given". */
export function toRecord(row: Record<string, string>, mapping: Mapping): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [field, column] of Object.entries(mapping)) {
    const value = row[column];
    if (value !== undefined && value.trim() !== '') record[field] = value;
  }
  return record;
}
