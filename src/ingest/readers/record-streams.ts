import { isUtf8 } from 'node:buffer';
import { splitByteLines } from './byte-lines.js';
import { createCsvTokenizer, type TokenisedRecord } from './csv-tokenizer.js';

/** What the format readers produce before headers are applied. */
export type RowItem =
  | { kind: 'fields'; line: number; fields: string[] }
  | { kind: 'object'; line: number; values: Record<string, string | null> }
  | { kind: 'problem'; line: number; reason: string; raw?: string };

const rawPreviewLength = 500;
const invalidUtf8Reason =
  'is not valid UTF-8 (the file was probably saved as Latin-1/Windows-1252); re-save it as UTF-8 or pass --encoding windows-1252';

function preview(bytes: Buffer): string {
  return bytes.subarray(0, rawPreviewLength * 4).toString('utf8').slice(0, rawPreviewLength);
}

function tokenisedProblem(record: TokenisedRecord, maxRecordBytes: number): RowItem | null {
  const raw = preview(record.bytes.subarray(0, record.fieldEnds[record.fieldEnds.length - 1]));
  if (record.problem === 'unterminated-quote') {
    return {
      kind: 'problem', line: record.line, raw,
      reason: `line ${record.line} opens a quote (") that is never closed — the file may be truncated; close the quote or remove the incomplete last row`,
    };
  }
  if (record.problem === 'too-long') {
    return {
      kind: 'problem', line: record.line, raw,
      reason: `the record starting on line ${record.line} is longer than ${maxRecordBytes} bytes, usually an unclosed quote; the rest of that line was skipped`,
    };
  }
  return null;
}

/** CSV records; `chunks` must already be UTF-8 (transcoded) unless `checkUtf8` is set. */
export async function* readCsvRows(chunks: AsyncIterable<Buffer>, delimiter: string, maxRecordBytes: number, checkUtf8: boolean): AsyncGenerator<RowItem> {
  const queue: RowItem[] = [];
  const tokenizer = createCsvTokenizer(delimiter.charCodeAt(0), maxRecordBytes, (record) => {
    const problem = tokenisedProblem(record, maxRecordBytes);
    if (problem) {
      queue.push(problem);
      return;
    }
    const end = record.fieldEnds[record.fieldEnds.length - 1];
    if (checkUtf8 && !isUtf8(record.bytes.subarray(0, end))) {
      queue.push({ kind: 'problem', line: record.line, reason: `line ${record.line} ${invalidUtf8Reason}`, raw: preview(record.bytes.subarray(0, end)) });
      return;
    }
    const fields = record.fieldStarts.map((start, index) => record.bytes.toString('utf8', start, record.fieldEnds[index]));
    queue.push({ kind: 'fields', line: record.line, fields });
  });
  for await (const chunk of chunks) {
    tokenizer.push(chunk);
    while (queue.length > 0) yield queue.shift()!;
  }
  tokenizer.end();
  while (queue.length > 0) yield queue.shift()!;
}

/** Fixed-width or space-separated text: fields are runs of non-space characters. */
export async function* readWhitespaceRows(chunks: AsyncIterable<Buffer>, maxRecordBytes: number, checkUtf8: boolean): AsyncGenerator<RowItem> {
  for await (const { line, bytes, isTooLong } of splitByteLines(chunks, maxRecordBytes)) {
    if (isTooLong) {
      yield { kind: 'problem', line, reason: `line ${line} is longer than ${maxRecordBytes} bytes and was skipped` };
      continue;
    }
    if (checkUtf8 && !isUtf8(bytes)) {
      yield { kind: 'problem', line, reason: `line ${line} ${invalidUtf8Reason}`, raw: preview(bytes) };
      continue;
    }
    const text = bytes.toString('utf8').trim();
    if (text !== '') yield { kind: 'fields', line, fields: text.split(/\s+/) };
  }
}

function jsonValueToText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Turns one parsed JSON value into record values, or explains why it cannot be one. */
export function valuesFromJson(parsed: unknown): Record<string, string | null> | string {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return `is ${Array.isArray(parsed) ? 'an array' : typeof parsed === 'object' ? 'null' : `a ${typeof parsed}`}, not a JSON object; write one object per line, e.g. {"customer_id": "17850"}`;
  }
  const values: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(parsed)) values[key] = jsonValueToText(value);
  return values;
}

/** JSON Lines: one object per line. */
export async function* readJsonLines(chunks: AsyncIterable<Buffer>, maxRecordBytes: number, checkUtf8: boolean): AsyncGenerator<RowItem> {
  for await (const { line, bytes, isTooLong } of splitByteLines(chunks, maxRecordBytes)) {
    if (isTooLong) {
      yield { kind: 'problem', line, reason: `line ${line} is longer than ${maxRecordBytes} bytes and was skipped` };
      continue;
    }
    if (checkUtf8 && !isUtf8(bytes)) {
      yield { kind: 'problem', line, reason: `line ${line} ${invalidUtf8Reason}`, raw: preview(bytes) };
      continue;
    }
    const text = bytes.toString('utf8');
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      yield { kind: 'problem', line, reason: `line ${line} is not valid JSON (${(error as Error).message}); each line must be one complete JSON object`, raw: preview(bytes) };
      continue;
    }
    const values = valuesFromJson(parsed);
    if (typeof values === 'string') yield { kind: 'problem', line, reason: `line ${line} ${values}`, raw: preview(bytes) };
    else yield { kind: 'object', line, values };
  }
}
