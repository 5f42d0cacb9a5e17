import { jsonValuesProblem, nestedKeysOf, notJsonReason, scalarValues, valuesFromJson } from '../../../ingest/readers/json-values.js';
import type { RejectParams } from '../../../ingest/reject-codes.js';
import { rawText } from './csv-records.js';
import type { ParsedCsv } from './parse-csv.js';
import type { RowReject } from './parse-problems.js';

/**
 * Whether a file is JSON Lines, as the CLI reads it (one JSON object a line): by its name's
 * extension, .jsonl or .ndjson, or, whatever its name, by its first character that is not blank
 * being `{`, which no CSV header starts with.
 */
export function isJsonLinesFile(fileName: string, text: string): boolean {
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return true;
  const first = /\S/.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return first?.[0] === '{';
}

// a JSON null is an empty cell, as a CSV's empty field
const cellsOf = (values: Record<string, string | null> = {}) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value ?? '']));

/**
 * Reads decoded JSON Lines text as the CLI's reader does (readers/record-streams.ts, readJsonLines):
 * each line that is not blank one object, its keys the columns (the file's columns are every key
 * some line has, in the order first met; a key a line lacks is empty there), its values as text (a
 * number as the CLI writes it, true/false, null as nothing, an array or object as its JSON text).
 * A line that is no JSON, or JSON but no object, is rejected with the CLI's code and reason
 * (ROW_NOT_JSON, ROW_NOT_OBJECT), and so is an array or object under a field's own name
 * (FIELD_NOT_SCALAR); the keys holding one are kept (`places[i].nested`) for the mapping to refuse
 * such a value under a column a field reads (import-rows.ts), as the CLI's row parser does.
 */
export function readJsonLinesText(text: string, fileName: string, encoding = 'utf-8'): ParsedCsv {
  const withoutMark = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed: ParsedCsv = {
    fileName, headers: [], rows: [], places: [], rejects: [], refusedRows: [], problems: [], delimiter: '', encoding,
    headerLine: 1, headerCandidates: [], isEmpty: withoutMark.trim() === '', isJsonLines: true,
  };
  const headers: string[] = [];
  const known = new Set<string>();
  const objects: Array<Record<string, string>> = [];
  withoutMark.split('\n').forEach((written, index) => {
    const line = index + 1;
    const lineText = written.endsWith('\r') ? written.slice(0, -1) : written;
    if (lineText.trim() === '') return;
    const raw = rawText(lineText);
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      const detail = (error as Error).message;
      parsed.problems.push({ line, kind: 'notJsonObject' });
      parsed.rejects.push(lineReject(fileName, line, raw, 'ROW_NOT_JSON', { line, detail }, notJsonReason(line, detail)));
      return;
    }
    const values = valuesFromJson(value);
    if (typeof values === 'string') {
      const { code, params } = jsonValuesProblem(value, line);
      parsed.rejects.push(lineReject(fileName, line, raw, code, params, `line ${line} ${values}`));
      // no object at all is said in step 1; an object with a list under a field leaves what can still be
      // read of it (scalarValues), its order rejected with it
      if (code === 'ROW_NOT_OBJECT') parsed.problems.push({ line, kind: 'notJsonObject' });
      else parsed.refusedRows.push({ line, values: cellsOf(scalarValues(value).values) });
      return;
    }
    const row = cellsOf(values);
    for (const key of Object.keys(row)) {
      if (!known.has(key)) {
        known.add(key);
        headers.push(key);
      }
    }
    const nested = nestedKeysOf(value);
    objects.push(row);
    parsed.places.push({ line, raw, ...(nested.length > 0 ? { nested } : {}) });
  });
  parsed.headers = headers;
  // every row holds every column, as a CSV row does: a key the line lacks is empty there
  parsed.rows = objects.map((row) => Object.fromEntries(headers.map((header) => [header, row[header] ?? ''])));
  return parsed;
}

function lineReject(file: string, line: number, raw: string, code: string, params: RejectParams, reason: string): RowReject {
  return { file, line, field: null, code, params, reason, raw };
}
