// The server's own field list and header rules, so the browser maps exactly what the importer accepts.
import { canonicalFields, prefixedFields, resolveColumns, type Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';
import { headerWords, splitNameColumns, synonymsFor } from '../../../ingest/rows/header-synonyms.js';
import { readContactsAsContacts, type ColumnSample, type GuessedColumn } from '../../../ingest/rows/column-plan.js';

export const importEntities: readonly IngestEntity[] = ['customers', 'orders', 'lines', 'products', 'events'];

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
 * Maps what it can without asking: first the columns already named like a field (any case,
 * spaces or dashes, and families such as `external_id.loyalty_card`, as the importer reads
 * them), then the columns under a common other name ("Date", "Total", "Tanggal", "Summa").
 * A column is never given to two fields. A "Customer" column whose first `rows` hold mostly
 * emails (phone numbers) is mapped to the customer's email (phone), as the CLI importer reads it.
 * A name split over two columns ("Name" and "Surname") is mapped to the first and last name.
 */
export function guessMapping(entity: IngestEntity, headers: readonly string[], rows: ColumnSample = []): Mapping {
  const named = resolveColumns(entity, headers, {});
  const used = new Set(named.values());
  const guessed: GuessedColumn[] = [];
  const synonyms = synonymsFor(entity, headers);
  for (const field of canonicalFields[entity]) {
    if (named.has(field)) continue;
    for (const synonym of synonyms[field] ?? []) {
      const header = headers.find((candidate) => !used.has(candidate) && headerWords(candidate) === headerWords(synonym));
      if (header === undefined) continue;
      guessed.push({ field, column: header });
      used.add(header);
      break;
    }
  }
  const read = readContactsAsContacts(entity, guessed, named, rows);
  const mapping: Mapping = { ...Object.fromEntries(named), ...Object.fromEntries(read.map(({ field, column }) => [field, column])) };
  return withNameParts(entity, headers, mapping);
}

/**
 * "Name" beside "Surname" is the first name (splitNameColumns), as the file importer reads it: the
 * column is moved from the whole name to the first name, so the surname is not lost.
 */
function withNameParts(entity: IngestEntity, headers: readonly string[], mapping: Mapping): Mapping {
  const parts = splitNameColumns(entity, headers);
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
