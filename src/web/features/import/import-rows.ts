import { findPreset, listPresets, type Preset } from '../../../ingest/presets/index.js';
import { normaliseColumnName, type Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';
import { toRecord } from './import-mapping.js';
import type { ParsedCsv } from './parse-csv.js';
import type { RowReject } from './parse-problems.js';

/** A record for the API under canonical names, with its line in the file (the header is line 1). */
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
 * The file's rows as API records, each with its line in the file (where it starts: a blank line
 * or a value spanning lines moves the rows after it): through the preset's value fixes first when
 * there is one (Shopify's order fields copied down to its line rows…), then the mapping. Rows a
 * preset cannot read are rejected here, with their line, as the server would reject them; so are
 * the rows the file's reading refused (`csv.rejects`, a row of too many values), as the CLI does.
 */
export function toLineRecords(csv: Pick<ParsedCsv, 'fileName' | 'rows' | 'places' | 'rejects'>, mapping: Mapping, options: { preset?: Preset | null } = {}): { records: LineRecord[]; rejects: RowReject[] } {
  const transform = options.preset?.createTransform?.() ?? null;
  const records: LineRecord[] = [];
  const rejects: RowReject[] = [...csv.rejects];
  csv.rows.forEach((row, index) => {
    const { line } = csv.places[index];
    if (!transform) {
      records.push({ line, record: toRecord(row, mapping) });
      return;
    }
    const result = transform(row, line);
    if ('reject' in result) rejects.push({ file: csv.fileName, line, ...result.reject, raw: csv.places[index].raw });
    else records.push({ line, record: toRecord(withoutNulls(result.values), mapping) });
  });
  return { records, rejects: rejects.sort((a, b) => a.line - b.line) };
}

function withoutNulls(values: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** The file's columns no mapped field reads: shown so that a column left out by mistake is noticed before the import. */
export function unmappedColumns(headers: readonly string[], mapping: Mapping): string[] {
  const used = new Set(Object.values(mapping));
  return headers.filter((header) => !used.has(header));
}
