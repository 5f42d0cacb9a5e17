import { AppError } from '../../../core/errors.js';
// The server's own field list and header rules, so the browser maps exactly what the importer accepts.
import { canonicalFields, headerCheck, normaliseColumnName, type Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';

export const importEntities: readonly IngestEntity[] = ['customers', 'orders', 'lines', 'products', 'events'];

export function fieldsOf(entity: IngestEntity): readonly string[] {
  return canonicalFields[entity];
}

/** Columns already named like a field (any case, spaces or dashes) are mapped without asking. */
export function guessMapping(entity: IngestEntity, headers: readonly string[]): Mapping {
  const mapping: Mapping = {};
  for (const field of canonicalFields[entity]) {
    const header = headers.find((candidate) => normaliseColumnName(candidate) === field);
    if (header !== undefined) mapping[field] = header;
  }
  return mapping;
}

/** The required fields the mapping does not cover yet (empty: ready), as the importer would judge it. */
export function missingFields(entity: IngestEntity, mapping: Mapping): string[] {
  try {
    headerCheck(entity, Object.keys(mapping), {});
    return [];
  } catch (error) {
    if (error instanceof AppError && Array.isArray(error.details.missing)) return error.details.missing as string[];
    throw error;
  }
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
