import { normaliseColumnName, type Mapping } from '../rows/fields.js';

/**
 * Keeps only the mapping entries whose column the file has: exports differ in optional
 * columns, and a missing required one is reported by the header check with its usual advice.
 */
export function presentColumns(mapping: Mapping, headers: readonly string[]): Mapping {
  const names = new Set(headers.map(normaliseColumnName));
  return Object.fromEntries(Object.entries(mapping).filter(([, column]) => column.startsWith('=') || names.has(normaliseColumnName(column))));
}

/** The value of a column whatever its capitalisation in this export. */
export function valueOf(values: Record<string, string | null>, column: string): string | null {
  if (column in values) return values[column]?.trim() || null;
  const wanted = normaliseColumnName(column);
  for (const [name, value] of Object.entries(values)) if (normaliseColumnName(name) === wanted) return value?.trim() || null;
  return null;
}
