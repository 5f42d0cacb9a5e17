import { GrowableBuffer } from './growable-buffer.js';

/**
 * One CSV record as bytes: fields are `bytes[fieldStarts[i], fieldEnds[i])`. The buffer is
 * reused, so the receiver must decode before returning.
 */
export type TokenisedRecord = {
  /** 1-based physical line where the record starts. */
  line: number;
  bytes: Buffer;
  fieldStarts: number[];
  fieldEnds: number[];
  problem: 'unterminated-quote' | 'too-long' | null;
};

export type CsvTokenizer = { push(chunk: Buffer): void; end(): void };

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'skip-to-line-end';

/**
 * A byte-level RFC 4180 tokenizer. We tokenise bytes rather than use csv-parse because
 * csv-parse 7 (a) crashes with ERR_UNKNOWN_ENCODING when it reports any parse error with
 * `encoding: null`, (b) miscounts lines inside quoted fields with CRLF, and (c) with
 * `encoding: 'utf8'` silently turns invalid UTF-8 into U+FFFD — and we promised exact start
 * lines and invalid UTF-8 reported per row. It is as lenient as spreadsheets are: a quote in
 * the middle of an unquoted field, or text after a closing quote, is kept as text.
 */
export function createCsvTokenizer(delimiter: number, maxRecordBytes: number, onRecord: (record: TokenisedRecord) => void): CsvTokenizer {
  const buffer = new GrowableBuffer();
  const fieldStarts: number[] = [];
  const fieldEnds: number[] = [];
  let state: State = 'field-start';
  let line = 1;
  let recordLine = 1;
  let pendingCarriageReturn = false;
  let recordHasContent = false;

  function endField(): void {
    fieldStarts.push(fieldEnds.length === 0 ? 0 : fieldEnds[fieldEnds.length - 1]);
    fieldEnds.push(buffer.length);
  }

  function emit(problem: TokenisedRecord['problem']): void {
    if (problem !== null || recordHasContent || fieldEnds.length > 0) {
      endField();
      onRecord({ line: recordLine, bytes: buffer.bytes, fieldStarts, fieldEnds, problem });
    }
    buffer.reset();
    fieldStarts.length = 0;
    fieldEnds.length = 0;
    recordHasContent = false;
  }

  function endRecord(): void {
    emit(null);
    line += 1;
    recordLine = line;
    state = 'field-start';
  }

  function push(chunk: Buffer): void {
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index];
      if (pendingCarriageReturn) {
        pendingCarriageReturn = false;
        if (byte === LF) {
          endRecord();
          continue;
        }
        // A lone CR inside an unquoted field is kept as text (old Mac files are not supported).
        buffer.push(CR);
      }
      switch (state) {
        case 'skip-to-line-end':
          if (byte === LF) {
            line += 1;
            recordLine = line;
            state = 'field-start';
          }
          continue;
        case 'quoted':
          if (byte === QUOTE) state = 'quote-in-quoted';
          else {
            if (byte === LF) line += 1;
            buffer.push(byte);
          }
          break;
        case 'quote-in-quoted':
          if (byte === QUOTE) {
            buffer.push(QUOTE);
            state = 'quoted';
          } else if (byte === delimiter) {
            endField();
            state = 'field-start';
          } else if (byte === LF) endRecord();
          else if (byte === CR) pendingCarriageReturn = true;
          else {
            buffer.push(byte);
            state = 'unquoted';
          }
          break;
        default:
          if (byte === delimiter) {
            endField();
            recordHasContent = true;
            state = 'field-start';
          } else if (byte === LF) endRecord();
          else if (byte === CR) pendingCarriageReturn = true;
          else if (byte === QUOTE && state === 'field-start') {
            state = 'quoted';
            recordHasContent = true;
          } else {
            buffer.push(byte);
            recordHasContent = true;
            state = 'unquoted';
          }
      }
      // An unclosed quote early in a big file would otherwise swallow the rest of it into one
      // field; cap the record, report it, and resynchronise at the next line.
      if (buffer.length > maxRecordBytes) {
        emit('too-long');
        state = 'skip-to-line-end';
      }
    }
  }

  function end(): void {
    if (state === 'quoted') emit('unterminated-quote');
    else if (state !== 'skip-to-line-end') emit(null);
  }

  return { push, end };
}
