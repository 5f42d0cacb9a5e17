import { isUtf8 } from 'node:buffer';
import { splitByteLines } from './byte-lines.js';
import { createCsvTokenizer, type TokenisedRecord } from './csv-tokenizer.js';
import { notUtf8Advice } from './likely-encoding.js';
import { jsonNumberToText, jsonValuesProblem, nestedKeysOf, notJsonReason, scalarValues, valuesFromJson } from './json-values.js';
import type { RejectCode, RejectParams } from '../reject-codes.js';

/**
 * What the format readers produce before headers are applied. `raw` is the record as written
 * (see rawText), for the rejects file.
 */
export type RowItem =
  | { kind: 'fields'; line: number; fields: string[]; raw: string }
  | { kind: 'object'; line: number; values: Record<string, string | null>; raw: string; nested?: readonly string[]; asSent?: NumbersAsSent }
  | RowProblemItem;

/**
 * A record that cannot become a row: the reject's code, params and English reason (see
 * reject-codes.ts). What could still be read of it, for finding the order it belongs to: `fields`,
 * the complete fields of a delimited row in the order written (a field cut off by an unclosed
 * quote or the record cap is left out; bytes that are not UTF-8 read as U+FFFD); `values`, the
 * text and number fields of a JSON object, by key.
 */
export type RowProblemItem = {
  kind: 'problem'; line: number; code: RejectCode; params: RejectParams; reason: string; raw?: string;
  fields?: string[]; values?: Record<string, string | null>;
};

const rawPreviewLength = 500;

/**
 * A record's text as the rejects file shows it: at most 500 characters, and NUL (U+0000) shown
 * as ␀, so the file stays text and shows where the character was.
 */
export function rawText(text: string): string {
  const capped = text.length > rawPreviewLength ? text.slice(0, rawPreviewLength) : text;
  return capped.includes('\u0000') ? capped.replace(/\u0000/g, '\u2400') : capped;
}

function preview(bytes: Buffer): string {
  return rawText(bytes.subarray(0, rawPreviewLength * 4).toString('utf8'));
}

/**
 * The record as it was written, its delimiter and quotes included, for the rejects file: the
 * tokenizer keeps only field contents, and "1,Jos\ufffd" tells nobody which value was wrong, nor
 * can a fixed row be imported again once its quotes are gone. Fields written in quotes are
 * quoted again (inner quotes doubled), so the text reads back as the same values; a field cut
 * off by an unclosed quote or the record cap (`isLastCut`) gets no closing quote.
 */
function writtenRecord(fieldAt: (index: number) => string, count: number, quotedFields: readonly number[], delimiter: string, isLastCut: boolean): string {
  let text = '';
  let quoted = 0;
  for (let index = 0; index < count && text.length <= rawPreviewLength; index++) {
    const field = fieldAt(index);
    const isQuoted = quotedFields[quoted] === index;
    if (isQuoted) quoted += 1;
    const closing = isLastCut && index === count - 1 ? '' : '"';
    text += `${index === 0 ? '' : delimiter}${isQuoted ? `"${field.replace(/"/g, '""')}${closing}` : field}`;
  }
  return rawText(text);
}

/** The raw text of a record the tokenizer could not finish or decode; fields read as UTF-8, bad bytes as U+FFFD. */
function recordText(record: TokenisedRecord, delimiter: string): string {
  const { bytes, fieldStarts, fieldEnds } = record;
  return writtenRecord((index) => bytes.toString('utf8', fieldStarts[index], fieldEnds[index]), fieldStarts.length, record.quotedFields, delimiter, record.problem !== null);
}

/** The raw text of a decoded record: most rows quote nothing and are their fields joined. */
function fieldsText(fields: readonly string[], quotedFields: readonly number[], delimiter: string): string {
  if (quotedFields.length === 0) return rawText(fields.join(delimiter));
  return writtenRecord((index) => fields[index], fields.length, quotedFields, delimiter, false);
}

/** Each field's bytes as written (the tokenizer keeps field contents only, one after another). */
function fieldBytes(record: TokenisedRecord): Buffer[] {
  return record.fieldStarts.map((start, index) => record.bytes.subarray(start, record.fieldEnds[index]));
}

/** The complete fields of a broken record (all but a cut-off last one), for finding its order. */
function readableFields(record: TokenisedRecord): string[] {
  const { bytes, fieldStarts, fieldEnds } = record;
  const count = record.problem === null ? fieldStarts.length : fieldStarts.length - 1;
  return Array.from({ length: count }, (_, index) => bytes.toString('utf8', fieldStarts[index], fieldEnds[index]));
}

function tokenisedProblem(record: TokenisedRecord, maxRecordBytes: number, delimiter: string): RowItem | null {
  if (record.problem === null) return null;
  const raw = recordText(record, delimiter);
  const fields = readableFields(record);
  if (record.problem === 'unterminated-quote') {
    return {
      kind: 'problem', line: record.line, raw, fields, code: 'ROW_QUOTE_UNCLOSED', params: { line: record.line },
      reason: `line ${record.line} opens a quote (") that is never closed — the file may be truncated; close the quote or remove the incomplete last row`,
    };
  }
  if (record.problem === 'too-long') {
    return {
      kind: 'problem', line: record.line, raw, fields, code: 'ROW_TOO_LONG', params: { line: record.line, maxBytes: maxRecordBytes },
      reason: `the record starting on line ${record.line} is longer than ${maxRecordBytes} bytes, usually an unclosed quote; the rest of that line was skipped`,
    };
  }
  return null;
}

function decodeFields(record: TokenisedRecord, end: number): string[] {
  const { bytes, fieldStarts, fieldEnds } = record;
  const fields = new Array<string>(fieldStarts.length);
  if (record.isAscii) {
    // One native call for the whole record instead of one per field; slicing a string is cheap.
    const text = bytes.toString('latin1', 0, end);
    for (let index = 0; index < fields.length; index++) fields[index] = text.slice(fieldStarts[index], fieldEnds[index]);
  } else {
    for (let index = 0; index < fields.length; index++) fields[index] = bytes.toString('utf8', fieldStarts[index], fieldEnds[index]);
  }
  return fields;
}

/**
 * CSV records, one array per chunk read so that a row costs no trip through an async
 * generator; `chunks` must already be UTF-8 (transcoded) unless `checkUtf8` is set.
 */
export async function* readCsvRows(chunks: AsyncIterable<Buffer>, delimiter: string, maxRecordBytes: number, checkUtf8: boolean): AsyncGenerator<RowItem[]> {
  let batch: RowItem[] = [];
  const tokenizer = createCsvTokenizer(delimiter.charCodeAt(0), maxRecordBytes, (record) => {
    const problem = tokenisedProblem(record, maxRecordBytes, delimiter);
    if (problem) {
      batch.push(problem);
      return;
    }
    const end = record.fieldEnds[record.fieldEnds.length - 1];
    if (checkUtf8 && !record.isAscii && !isUtf8(record.bytes.subarray(0, end))) {
      batch.push({
        kind: 'problem', line: record.line, code: 'ROW_NOT_UTF8', params: { line: record.line }, reason: `line ${record.line} ${notUtf8Advice(...fieldBytes(record))}`,
        raw: recordText(record, delimiter), fields: readableFields(record),
      });
      return;
    }
    const fields = decodeFields(record, end);
    batch.push({ kind: 'fields', line: record.line, fields, raw: fieldsText(fields, record.quotedFields, delimiter) });
  });
  for await (const chunk of chunks) {
    tokenizer.push(chunk);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  tokenizer.end();
  if (batch.length > 0) yield batch;
}

/** Fixed-width or space-separated text: fields are runs of non-space characters. */
export async function* readWhitespaceRows(chunks: AsyncIterable<Buffer>, maxRecordBytes: number, checkUtf8: boolean): AsyncGenerator<RowItem[]> {
  for await (const lines of splitByteLines(chunks, maxRecordBytes)) {
    const batch: RowItem[] = [];
    for (const { line, bytes, isTooLong } of lines) {
      if (isTooLong) {
        batch.push(tooLongProblem(line, maxRecordBytes));
        continue;
      }
      const written = bytes.toString('utf8');
      const text = written.trim();
      if (checkUtf8 && !isUtf8(bytes)) {
        batch.push({ ...notUtf8Problem(line, bytes), fields: text === '' ? [] : text.split(/\s+/) });
        continue;
      }
      if (text !== '') batch.push({ kind: 'fields', line, fields: text.split(/\s+/), raw: rawText(written) });
    }
    if (batch.length > 0) yield batch;
  }
}

/** The texts jsonNumberToText wrote otherwise than JSON writes the number, each with the number as sent: "12.3450" → "12.345". */
export type NumbersAsSent = Readonly<Record<string, string>>;

/** A JSON object's NumbersAsSent, undefined when it has none (most records). */
export function numbersAsSent(parsed: unknown): NumbersAsSent | undefined {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  let found: Record<string, string> | undefined;
  for (const value of Object.values(parsed)) {
    if (typeof value !== 'number') continue;
    const text = jsonNumberToText(value);
    if (text !== String(value)) (found ??= {})[text] = String(value);
  }
  return found;
}

type SaidProblem = { params: RejectParams; reason: string };

/**
 * A reject of a JSON record naming its numbers as they were sent: 12.345 was read as "12.3450" (never
 * thousands), but "12.3450" in the reason sent its reader looking for a value they never wrote.
 */
export function withNumbersAsSent<P extends SaidProblem & { also?: readonly SaidProblem[] }>(problem: P, asSent: NumbersAsSent | undefined): P {
  if (asSent === undefined) return problem;
  const said = <S extends SaidProblem>(found: S): S => {
    let reason = found.reason;
    for (const [text, sent] of Object.entries(asSent)) reason = reason.replaceAll(`"${text}"`, `"${sent}"`);
    const params = Object.fromEntries(Object.entries(found.params).map(([name, value]) => [name, typeof value === 'string' && value in asSent ? asSent[value] : value]));
    return { ...found, reason, params };
  };
  return problem.also === undefined ? said(problem) : { ...said(problem), also: problem.also.map(said) };
}

/** JSON Lines: one object per line, one array per chunk read. */
export async function* readJsonLines(chunks: AsyncIterable<Buffer>, maxRecordBytes: number, checkUtf8: boolean): AsyncGenerator<RowItem[]> {
  for await (const lines of splitByteLines(chunks, maxRecordBytes)) {
    const batch: RowItem[] = [];
    for (const { line, bytes, isTooLong } of lines) {
      const item = jsonLineItem(line, bytes, isTooLong, maxRecordBytes, checkUtf8);
      if (item) batch.push(item);
    }
    if (batch.length > 0) yield batch;
  }
}

/** The item for one line, or null for a blank one. */
function jsonLineItem(line: number, bytes: Buffer, isTooLong: boolean, maxRecordBytes: number, checkUtf8: boolean): RowItem | null {
  if (isTooLong) return tooLongProblem(line, maxRecordBytes);
  if (checkUtf8 && !isUtf8(bytes)) return { ...notUtf8Problem(line, bytes), ...readableJsonValues(bytes.toString('utf8')) };
  const text = bytes.toString('utf8');
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    return { kind: 'problem', line, code: 'ROW_NOT_JSON', params: { line, detail }, reason: notJsonReason(line, detail), raw: preview(bytes) };
  }
  const values = valuesFromJson(parsed);
  if (typeof values !== 'string') {
    const nested = nestedKeysOf(parsed);
    const asSent = numbersAsSent(parsed);
    return { kind: 'object', line, values, raw: rawText(text), ...(nested.length > 0 ? { nested } : {}), ...(asSent ? { asSent } : {}) };
  }
  return { kind: 'problem', line, ...jsonValuesProblem(parsed, line), reason: `line ${line} ${values}`, raw: preview(bytes), ...scalarValues(parsed) };
}

/** The text and number fields of a line that is JSON but not a usable record (a bad byte in one value). */
function readableJsonValues(text: string): { values?: Record<string, string | null> } {
  try {
    return scalarValues(JSON.parse(text));
  } catch {
    return {};
  }
}

function tooLongProblem(line: number, maxRecordBytes: number): RowProblemItem {
  return { kind: 'problem', line, code: 'ROW_TOO_LONG', params: { line, maxBytes: maxRecordBytes }, reason: `line ${line} is longer than ${maxRecordBytes} bytes and was skipped` };
}

function notUtf8Problem(line: number, bytes: Buffer): RowProblemItem {
  return { kind: 'problem', line, code: 'ROW_NOT_UTF8', params: { line }, reason: `line ${line} ${notUtf8Advice(bytes)}`, raw: preview(bytes) };
}
