import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppError } from '../../core/errors.js';
import { splitByteLines } from './byte-lines.js';
import { readCsvRows, readJsonLines, readWhitespaceRows, type NumbersAsSent, type RowItem, type RowProblemItem } from './record-streams.js';
import { utf8ReadAsOneByte } from './utf8-read-as-one-byte.js';
import { detectDelimiter, encodingFromByteOrderMark, excelSeparatorOf, looksLikeJsonLines, looksWhitespaceSeparated, stripByteOrderMark, uniqueHeaders } from './sniff.js';

export type ReaderOptions = {
  format?: 'csv' | 'jsonl' | 'auto';
  /** A single character, 'auto' (one of , ; tab |) or 'whitespace' (runs of spaces, fixed-width files). */
  delimiter?: string;
  /**
   * A preset's delimiter, used unless the header line holds none of it and another is detected: a
   * Shopify export re-saved by a spreadsheet in a decimal-comma locale is separated by ";".
   */
  presetDelimiter?: string;
  /** Any WHATWG encoding label (utf-8, windows-1252, windows-1257, latin1, utf-16le); default utf-8 or the BOM's. */
  encoding?: string;
  /** Whether the first record names the columns; 'auto' guesses (default: true, 'auto' for whitespace). */
  header?: boolean | 'auto';
  /**
   * The 1-based line of the header (default 1, or 2 after a `sep=` line): the lines above it, a
   * report's title and period, are skipped, and the rows keep their line numbers in the file.
   */
  headerLine?: number;
  maxRecordBytes?: number;
  onBytes?: (bytesRead: number, totalBytes: number) => void;
};

/**
 * A record's `raw` is its text as written in the file (delimiters and quotes included, at most 500
 * characters, NUL shown as ␀) for the rejects file. A problem's `values` are what could still be
 * read of the broken record (see RowProblemItem): its first fields under their columns, or a JSON
 * object's readable fields.
 */
export type RecordItem =
  | { kind: 'record'; line: number; values: Record<string, string | null>; raw: string; nested?: readonly string[]; asSent?: NumbersAsSent }
  | Omit<RowProblemItem, 'fields'>;

export type RecordSource = AsyncIterable<RecordItem> & {
  /**
   * The same records a chunk at a time (iterate one or the other, once): a million-row import
   * should not pay an async-generator round trip per row.
   */
  batches(): AsyncIterable<RecordItem[]>;
  headers: string[];
  format: 'csv' | 'jsonl';
  /** The delimiter in use: a character, 'whitespace', or null for JSON Lines. */
  delimiter: string | null;
  totalBytes: number;
  bytesRead(): number;
};

const headBytes = 64 * 1024;
const chunkBytes = 64 * 1024;

async function statFile(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('IMPORT_FILE_UNREADABLE', `${path} is not a file.`, { file: path });
    return info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('IMPORT_FILE_NOT_FOUND', `File not found: ${path}. Check the path and that the file exists.`, { file: path });
    }
    throw error;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The preset's delimiter, or 'auto' when the header line does not contain it but holds another one detected. */
function presetDelimiterOf(delimiter: string | undefined, head: string): string | undefined {
  if (delimiter === undefined || delimiter.length !== 1) return delimiter;
  const headerLine = head.split('\n', 1)[0];
  if (headerLine.includes(delimiter)) return delimiter;
  const detected = detectDelimiter(head);
  return detected !== null && detected !== delimiter && headerLine.includes(detected) ? 'auto' : delimiter;
}

function resolveDelimiter(option: string | undefined, head: string): string {
  const requested = option ?? 'auto';
  if (requested === 'whitespace') return 'whitespace';
  if (requested === 'tab' || requested === '\\t') return '\t';
  if (requested === 'auto') return detectDelimiter(head) ?? (looksWhitespaceSeparated(head) ? 'whitespace' : ',');
  if (requested.length !== 1 || requested === '"' || requested === '\n' || requested === '\r') {
    throw new AppError('IMPORT_OPTION_INVALID', `Delimiter "${requested}" is not usable: give one character such as ";" or "|", "tab", "whitespace" or "auto".`, { field: 'delimiter' });
  }
  return requested;
}

/**
 * Streams the file as UTF-8 chunks: counts bytes for progress, transcodes other encodings and
 * drops the byte order mark, so the format readers only ever see UTF-8 without a BOM.
 */
async function* fileChunks(path: string, encoding: string, progress: { bytesRead: number }, onChunk: () => void): AsyncGenerator<Buffer> {
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  let isFirst = true;
  for await (const raw of createReadStream(path, { highWaterMark: chunkBytes })) {
    let chunk = raw as Buffer;
    progress.bytesRead += chunk.length;
    onChunk();
    if (decoder) chunk = Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    if (isFirst && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    isFirst = false;
    yield chunk;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest !== '') yield Buffer.from(rest, 'utf8');
  }
}

// More distinct keys than this means maps written as objects (keyed by id or date), not rows.
const maximumJsonKeys = 10_000;

/**
 * Every key of every record, in the order first seen: a field that first appears on line
 * 50,000 (a currency only some orders carry) is a column like one on line 1, and a required
 * field missing from the whole file fails before anything is written. Costs a second pass over
 * the file, but memory stays the set of distinct keys.
 */
async function collectJsonKeys(path: string, encoding: string, maxRecordBytes: number): Promise<string[]> {
  const keys = new Set<string>();
  for await (const lines of splitByteLines(fileChunks(path, encoding, { bytesRead: 0 }, () => undefined), maxRecordBytes)) {
    for (const { bytes, isTooLong } of lines) {
      if (isTooLong) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch {
        // A broken line is reported as a reject when it is streamed.
        continue;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) continue;
      for (const key in parsed) keys.add(key);
    }
    if (keys.size > maximumJsonKeys) {
      throw new AppError('IMPORT_FILE_UNREADABLE', `${path} names more than ${maximumJsonKeys} different keys; JSON Lines records must use the same field names on every line (customer_id, email, …).`, { file: path });
    }
  }
  return [...keys];
}

const isNumberLike = (value: string): boolean => /^[-+]?[\d.,]+$/.test(value);

/** The file's first bytes as text (UTF-8, `\n` line ends, no byte order mark) and their encoding; refuses an unknown or a wrong one. */
function decodeHead(path: string, head: Buffer, options: ReaderOptions): { encoding: string; headText: string } {
  let encoding = (encodingFromByteOrderMark(head) ?? options.encoding ?? 'utf-8').toLowerCase();
  if (encoding === 'utf8') encoding = 'utf-8';
  try {
    new TextDecoder(encoding);
  } catch {
    throw new AppError('IMPORT_OPTION_INVALID', `Unknown encoding "${options.encoding}". Use utf-8, windows-1252 (Western European), windows-1257 (Latvian, Lithuanian, Estonian), latin1 or utf-16le.`, { field: 'encoding' });
  }
  // refused before a row is read: every row would import with its names garbled and none rejected
  const misread = utf8ReadAsOneByte(head, encoding);
  if (misread !== null) {
    throw new AppError('IMPORT_OPTION_INVALID', `${path} is UTF-8, not ${encoding}: line ${misread.line} reads "${misread.asGiven}" as ${encoding} where UTF-8 reads "${misread.asUtf8}". Pass --encoding utf-8 or leave --encoding out.`, {
      field: 'encoding', file: path, line: misread.line, hint: 'The file is already UTF-8: import it without --encoding.',
    });
  }
  return { encoding, headText: stripByteOrderMark(new TextDecoder(encoding).decode(head)).replace(/\r\n/g, '\n') };
}

/**
 * The file's format, delimiter and header line. The format and delimiter are sniffed from the
 * header line on: a report's title above it holds no delimiter, or not the file's.
 */
function layoutOf(path: string, headText: string, options: ReaderOptions): { format: 'csv' | 'jsonl'; separatorLine: string | null; delimiter: string | null; headerLine: number } {
  const requested = options.headerLine ?? 1;
  if (!Number.isSafeInteger(requested) || requested < 1) {
    throw new AppError('IMPORT_OPTION_INVALID', `The header line must be a line of the file (1, 2, …), not ${requested}.`, { field: 'headerLine' });
  }
  // Excel's `sep=;` first line names the delimiter; a --delimiter given still wins
  const separator = excelSeparatorOf(headText);
  const headerLine = Math.max(requested, separator === null ? 1 : 2);
  const fromHeader = headerLine === 1 ? headText : headText.split('\n').slice(headerLine - 1).join('\n');
  const format = options.format === 'csv' || options.format === 'jsonl' ? options.format : looksLikeJsonLines(fromHeader, path) ? 'jsonl' : 'csv';
  if (format === 'jsonl') {
    if (requested > 1) throw new AppError('IMPORT_OPTION_INVALID', `${path} is JSON Lines, which has no header line: leave out the header line.`, { field: 'headerLine' });
    return { format, separatorLine: null, delimiter: null, headerLine: 1 };
  }
  const delimiter = separator !== null && (options.delimiter === undefined || options.delimiter === 'auto') ? separator
    : resolveDelimiter(options.delimiter ?? presetDelimiterOf(options.presetDelimiter, fromHeader), fromHeader);
  return { format, separatorLine: separator, delimiter, headerLine };
}

/** A line of the file split as its header would be: `headers` as read (uniqueHeaders). */
export type HeaderCandidate = { line: number; headers: string[] };

/**
 * The file's first `maxLines` lines, blank ones aside, each split as the header would be were it
 * on that line (its delimiter sniffed from it on), to find a header below a report's title. From
 * the file's first bytes only; a header whose quoted names span lines is cut at its first line.
 * None for JSON Lines, which has no header line.
 */
export async function readHeaderCandidates(path: string, options: ReaderOptions, maxLines: number): Promise<HeaderCandidate[]> {
  await statFile(path);
  const { headText } = decodeHead(path, await readHead(path), options);
  if (layoutOf(path, headText, { ...options, headerLine: undefined }).format === 'jsonl') return [];
  const lines = headText.split('\n');
  const candidates: HeaderCandidate[] = [];
  for (let index = 0; index < Math.min(maxLines, lines.length); index++) {
    if (lines[index].trim() === '') continue;
    const layout = layoutOf(path, headText, { ...options, format: 'csv', headerLine: index + 1 });
    // a `sep=` line is no header
    if (layout.headerLine !== index + 1) continue;
    candidates.push({ line: index + 1, headers: uniqueHeaders(await fieldsOfLine(lines[index], layout.delimiter!)) });
  }
  return candidates;
}

async function fieldsOfLine(text: string, delimiter: string): Promise<string[]> {
  if (delimiter === 'whitespace') return text.trim().split(/\s+/);
  async function* once() {
    yield Buffer.from(`${text}\n`, 'utf8');
  }
  for await (const [item] of readCsvRows(once(), delimiter, Math.max(1024, 4 * text.length), false)) return item.kind === 'object' ? [] : item.fields ?? [];
  return [];
}

/**
 * Opens a CSV, JSON Lines or whitespace-separated file and streams its records with the
 * physical line each starts on. Never reads the whole file: memory stays constant however large
 * it is. Problems with single records (invalid UTF-8, wrong column count, unclosed quotes, broken
 * JSON) are yielded as `problem` items; only problems with the whole file throw.
 */
export async function readRecords(path: string, options: ReaderOptions = {}): Promise<RecordSource> {
  const totalBytes = await statFile(path);
  const head = await readHead(path);
  const { encoding, headText } = decodeHead(path, head, options);
  if (headText.trim() === '' && totalBytes <= headBytes) {
    throw new AppError('IMPORT_FILE_EMPTY', `${path} is empty: there are no columns or rows to import.`, { file: path, hint: 'Export the file again, with a header row and at least one data row.' });
  }
  const { format, separatorLine, delimiter, headerLine } = layoutOf(path, headText, options);
  const maxRecordBytes = options.maxRecordBytes ?? 1024 * 1024;
  const progress = { bytesRead: 0 };
  const chunks = fileChunks(path, encoding, progress, () => options.onBytes?.(progress.bytesRead, totalBytes));
  const checkUtf8 = encoding === 'utf-8';
  const rows: AsyncGenerator<RowItem[]> =
    format === 'jsonl' ? readJsonLines(chunks, maxRecordBytes, checkUtf8)
    : delimiter === 'whitespace' ? readWhitespaceRows(chunks, maxRecordBytes, checkUtf8)
    : readCsvRows(chunks, delimiter!, maxRecordBytes, checkUtf8);

  let headers: string[] = [];
  // The rest of the batch the header came in.
  let pending: RowItem[] = [];
  if (format === 'jsonl') headers = await collectJsonKeys(path, encoding, maxRecordBytes);
  else {
    // the lines above the header (a `sep=` line, a report's title) are skipped; the rows keep their line numbers in the file
    let item: RowItem | undefined;
    let hasAnyRow = false;
    while (item === undefined) {
      if (pending.length === 0) {
        const next = await rows.next();
        if (next.done) break;
        pending = next.value;
        continue;
      }
      hasAnyRow = true;
      const candidate = pending.shift()!;
      if (candidate.line >= headerLine) item = candidate;
    }
    if (item === undefined) {
      if (hasAnyRow && options.headerLine !== undefined && options.headerLine > 1) {
        throw new AppError('IMPORT_OPTION_INVALID', `${path} has no line ${headerLine} to read its header from: give the line the header is on.`, { file: path, field: 'headerLine' });
      }
      throw new AppError('IMPORT_FILE_EMPTY', separatorLine !== null ? `${path} has no rows after its "sep=${separatorLine}" line.` : `${path} has no rows.`, { file: path });
    }
    if (item.kind !== 'fields') {
      await rows.return(undefined);
      throw new AppError('IMPORT_FILE_UNREADABLE', `The header of ${path} cannot be read: ${item.kind === 'problem' ? item.reason : 'unexpected content'}.`, { file: path, line: item.line });
    }
    const header = options.header ?? (delimiter === 'whitespace' ? 'auto' : true);
    const isHeader = header === 'auto' ? !item.fields.every(isNumberLike) : header;
    headers = isHeader ? uniqueHeaders(item.fields) : item.fields.map((_, index) => `column_${index + 1}`);
    if (!isHeader) pending.unshift(item);
    if (pending.length === 0) {
      // a header and nothing after it is an export that went wrong, not an import that did nothing
      const next = await rows.next();
      if (next.done) {
        throw new AppError('IMPORT_FILE_EMPTY', `${path} has a header (${headers.join(', ')}) but no rows.`, { file: path, hint: 'Export the file again with its rows.' });
      }
      pending = next.value;
    }
  }

  /**
   * What can be read of a broken row, by position: its first fields under the columns they stand
   * in (a row shorter than the header fills only the first columns). Right for every column
   * before the place where a value went missing or a delimiter too many was written.
   */
  function valuesByPosition(fields: readonly string[]): Record<string, string | null> {
    const values: Record<string, string | null> = {};
    for (let index = 0; index < Math.min(fields.length, headers.length); index++) values[headers[index]] = fields[index] === '' ? null : fields[index];
    return values;
  }

  function toRecord(item: RowItem): RecordItem {
    if (item.kind === 'problem') {
      if (item.fields === undefined) return item;
      const { fields, ...problem } = item;
      return { ...problem, values: valuesByPosition(fields) };
    }
    if (item.kind === 'object') return { kind: 'record', line: item.line, values: item.values, raw: item.raw, ...(item.nested ? { nested: item.nested } : {}), ...(item.asSent ? { asSent: item.asSent } : {}) };
    const fields = item.fields;
    if (fields.length !== headers.length) {
      return {
        kind: 'problem', line: item.line, raw: item.raw, values: valuesByPosition(fields),
        code: 'ROW_COLUMN_COUNT', params: { line: item.line, values: fields.length, columns: headers.length, delimiter: delimiter === '\t' ? 'tab' : delimiter! },
        reason: `line ${item.line} has ${fields.length} values but the header has ${headers.length} columns; quote values that contain the delimiter "${delimiter === '\t' ? 'tab' : delimiter}"`,
      };
    }
    const values: Record<string, string | null> = {};
    for (let index = 0; index < headers.length; index++) values[headers[index]] = fields[index] === '' ? null : fields[index];
    return { kind: 'record', line: item.line, values, raw: item.raw };
  }

  async function* batches(): AsyncGenerator<RecordItem[]> {
    if (pending.length > 0) yield pending.map(toRecord);
    for await (const batch of rows) yield batch.map(toRecord);
  }

  async function* records(): AsyncGenerator<RecordItem> {
    for await (const batch of batches()) yield* batch;
  }

  return { headers, format, delimiter, totalBytes, bytesRead: () => progress.bytesRead, batches, [Symbol.asyncIterator]: records };
}
