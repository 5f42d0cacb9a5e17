import type { HeaderCandidate } from '../../../ingest/readers/read-records.js';
import { uniqueHeaders } from '../../../ingest/readers/sniff.js';
import { readCsvRecords } from './csv-records.js';
import { headerCandidatesOf, layoutFrom } from './header-line.js';
import { decodeFileBytes, type Undecodable } from './file-encoding.js';
import { isJsonLinesFile, readJsonLinesText } from './parse-jsonl.js';
import { columnCountReject, unclosedQuoteReject, type ParseProblem, type RowReject } from './parse-problems.js';

/**
 * A file read in the browser. `rows`: the rows the import sends, each with its place in the file
 * (`places[i]` for `rows[i]`: the line it starts on, its text as written); `rejects`: the rows
 * refused on reading, as the CLI refuses them, and `refusedRows` the values that could still be
 * read of them (the order a refused row belongs to is rejected with it); `delimiter`, `encoding`: as read.
 * `headerLine`: the line the header was read from; `headerCandidates`: the file's first lines split as
 * a header, to find one below a report's title (header-line.ts). `isEmpty`: the file holds nothing
 * but blanks, no header and no rows, which the CLI refuses as empty (IMPORT_FILE_EMPTY): there is nothing to map.
 * `isJsonLines`: the file is JSON Lines (parse-jsonl.ts), one object a line, its keys the columns: no delimiter, no header line.
 */
export type ParsedCsv = {
  fileName: string; headers: string[]; rows: Record<string, string>[]; places: RowPlace[];
  rejects: RowReject[]; refusedRows: RefusedRow[]; problems: ParseProblem[]; delimiter: string; encoding: string;
  headerLine: number; headerCandidates: HeaderCandidate[]; isEmpty: boolean; isJsonLines?: boolean;
};

/** `nested`: a JSON Lines row's keys holding an array or object, kept as their JSON text (parse-jsonl.ts). */
export type RowPlace = { line: number; raw: string; nested?: string[] };

/** A row of another number of values than the header's columns: its values by position, as the CLI's reader gives them (read-records.ts, valuesByPosition). */
export type RefusedRow = { line: number; values: Record<string, string> };

// as much of the file as the CLI sniffs its delimiter from (read-records.ts)
const headLength = 64 * 1024;

/**
 * Reads decoded text as the CLI's reader does (read-records.ts): Excel's `sep=;` first line names
 * the delimiter (the header follows it, and the lines keep their numbers), else the one that
 * splits the first lines alike; headers made unique; a row of another number of values than the
 * header's columns rejected with ROW_COLUMN_COUNT. `headerLine`, as the CLI's --header-line: the
 * lines above it (a report's title and period) are skipped, and the rows keep their lines in the file.
 */
export function readCsvText(text: string, fileName: string, encoding = 'utf-8', headerLine = 1): ParsedCsv {
  const withoutMark = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const head = withoutMark.slice(0, headLength).replace(/\r\n/g, '\n');
  const layout = layoutFrom(head, headerLine);
  const { delimiter } = layout;
  const records = readCsvRecords(withoutMark, delimiter);
  const start = records.findIndex((record) => record.line >= layout.headerLine);
  const [header, ...rest] = start === -1 ? [] : records.slice(start);
  const parsed: ParsedCsv = {
    fileName, headers: [], rows: [], places: [], rejects: [], refusedRows: [], problems: [], delimiter, encoding,
    headerLine: header?.line ?? layout.headerLine, headerCandidates: headerCandidatesOf(head),
    // as the CLI's reader judges it (read-records.ts): blanks alone are no header
    isEmpty: withoutMark.trim() === '',
  };
  if (header === undefined) return parsed;
  if (header.isUnclosed) parsed.problems.push({ line: header.line, kind: 'unclosedQuote' });
  const headers = uniqueHeaders(header.fields);
  parsed.headers = headers;
  for (const record of rest) {
    const { fields } = record;
    if (record.isUnclosed && record.isCutOff) {
      // the file cut off in a quoted value on its last line: that row is rejected, the rows before it read, as the CLI does;
      // its order is read from the values before the cut-off one (record-streams.ts, readableFields)
      parsed.problems.push({ line: record.line, kind: 'cutOffQuote' });
      parsed.rejects.push(unclosedQuoteReject(fileName, record.line, record.raw));
      parsed.refusedRows.push({ line: record.line, values: valuesByPosition(headers, fields.slice(0, -1)) });
      continue;
    }
    if (record.isUnclosed) {
      parsed.problems.push({ line: record.line, kind: 'unclosedQuote' });
      continue;
    }
    if (fields.length !== headers.length) {
      parsed.problems.push({ line: record.line, kind: 'columnCount', values: fields.length, columns: headers.length, delimiter });
      parsed.rejects.push(columnCountReject(fileName, record.line, fields.length, headers.length, delimiter, record.raw));
      parsed.refusedRows.push({ line: record.line, values: valuesByPosition(headers, fields) });
      continue;
    }
    const row: Record<string, string> = {};
    for (let index = 0; index < headers.length; index++) row[headers[index]] = fields[index];
    parsed.rows.push(row);
    parsed.places.push({ line: record.line, raw: record.raw });
  }
  return parsed;
}

function valuesByPosition(headers: readonly string[], fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let index = 0; index < Math.min(fields.length, headers.length); index++) values[headers[index]] = fields[index];
  return values;
}

/** A file that cannot be read in the encoding asked for: the page asks for the one it was saved in. */
export type UndecodableFile = { fileName: string; undecodable: Undecodable };

/**
 * Parses in the browser for the preview and mapping (a CSV file, or JSON Lines: parse-jsonl.ts); the server validates every
 * value again. Whole-file parsing suits spreadsheets of up to a few hundred
 * thousand rows; larger exports belong to the CLI importer, which streams.
 */
export async function parseCsv(file: File, encoding = 'utf-8', headerLine = 1): Promise<ParsedCsv | UndecodableFile> {
  const decoded = decodeFileBytes(new Uint8Array(await file.arrayBuffer()), encoding);
  if ('undecodable' in decoded) return { fileName: file.name, undecodable: decoded.undecodable };
  // JSON Lines, as the CLI imports them: read as CSV, the first object was the header
  if (isJsonLinesFile(file.name, decoded.text)) return readJsonLinesText(decoded.text, file.name, decoded.encoding);
  return readCsvText(decoded.text, file.name, decoded.encoding, headerLine);
}
