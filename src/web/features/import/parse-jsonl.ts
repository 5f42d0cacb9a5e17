import { canonicalFields, normaliseColumnName } from '../../../ingest/rows/fields.js';
import { jsonNumberToText } from '../../../ingest/readers/json-number.js';
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

// the fields that take one value: an array or object under such a key is refused (record-streams.ts, nonScalarField); an event's detail keeps it
const scalarFields = new Set(Object.values(canonicalFields).flat().filter((field) => field !== 'detail'));

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return jsonNumberToText(value);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isNested = (value: unknown) => value !== null && typeof value === 'object';

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
      parsed.rejects.push(lineReject(fileName, line, raw, 'ROW_NOT_JSON', { line, detail }, `line ${line} is not valid JSON (${detail}); each line must be one complete JSON object`));
      return;
    }
    if (!isObject(value)) {
      const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
      parsed.problems.push({ line, kind: 'notJsonObject' });
      parsed.rejects.push(lineReject(fileName, line, raw, 'ROW_NOT_OBJECT', { line },
        `line ${line} is ${kind}, not a JSON object; write one object per line, e.g. {"customer_id": "17850"}`));
      return;
    }
    const entries = Object.entries(value);
    const notScalar = entries.find(([key, each]) => isNested(each) && scalarFields.has(normaliseColumnName(key)));
    if (notScalar) {
      // what can still be read of it (record-streams.ts, scalarValues): its order is rejected with it
      const [key, each] = notScalar;
      const kind = Array.isArray(each) ? 'a list (JSON array)' : 'a group of values (JSON object)';
      parsed.rejects.push(lineReject(fileName, line, raw, 'FIELD_NOT_SCALAR', { line, field: key },
        `line ${line} has ${kind} in "${key}", which takes one value; give a single value for ${key}: text, a number or true/false`));
      parsed.refusedRows.push({ line, values: Object.fromEntries(entries.filter(([, each]) => !isNested(each)).map(([name, each]) => [name, valueText(each)])) });
      return;
    }
    const row: Record<string, string> = {};
    for (const [key, each] of entries) {
      row[key] = valueText(each);
      if (!known.has(key)) {
        known.add(key);
        headers.push(key);
      }
    }
    const nested = entries.filter(([, each]) => isNested(each)).map(([key]) => key);
    objects.push(row);
    parsed.places.push({ line, raw, ...(nested.length > 0 ? { nested } : {}) });
  });
  parsed.headers = headers;
  // every row holds every column, as a CSV row does: a key the line lacks is empty there
  parsed.rows = objects.map((row) => Object.fromEntries(headers.map((header) => [header, row[header] ?? ''])));
  return parsed;
}

function lineReject(file: string, line: number, raw: string, code: string, params: Record<string, string | number>, reason: string): RowReject {
  return { file, line, field: null, code, params, reason, raw };
}
