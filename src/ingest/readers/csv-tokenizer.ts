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
  /** The fields written in quotes, by index in ascending order: the rejects file shows the row as written. */
  quotedFields: number[];
  /** Whether every byte is below 0x80: such a record is valid UTF-8 and decodes as Latin-1. */
  isAscii: boolean;
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
  const quotedFields: number[] = [];
  let state: State = 'field-start';
  let line = 1;
  let recordLine = 1;
  let pendingCarriageReturn = false;
  let recordHasContent = false;
  // Every byte of the record ORed together: bit 7 set means some byte is not ASCII.
  let seenBits = 0;

  function endField(): void {
    fieldStarts.push(fieldEnds.length === 0 ? 0 : fieldEnds[fieldEnds.length - 1]);
    fieldEnds.push(buffer.length);
  }

  function emit(problem: TokenisedRecord['problem']): void {
    if (problem !== null || recordHasContent || fieldEnds.length > 0) {
      endField();
      onRecord({ line: recordLine, bytes: buffer.bytes, fieldStarts, fieldEnds, quotedFields, isAscii: seenBits < 0x80, problem });
    }
    seenBits = 0;
    buffer.reset();
    fieldStarts.length = 0;
    fieldEnds.length = 0;
    quotedFields.length = 0;
    recordHasContent = false;
  }

  function endRecord(): void {
    emit(null);
    line += 1;
    recordLine = line;
    state = 'field-start';
  }

  /**
   * Copies the run of plain bytes starting at `from` (up to the first byte for which `isStop`
   * holds) in one go instead of byte by byte; returns where the run ended. Stops one byte past
   * the record cap, exactly where the byte-by-byte loop would have noticed it.
   */
  function appendRun(chunk: Buffer, from: number, stopA: number, stopB: number, stopC: number): number {
    let to = from + 1;
    let bits = chunk[from];
    const limit = Math.min(chunk.length, from + Math.max(1, maxRecordBytes + 1 - buffer.length));
    while (to < limit) {
      const byte = chunk[to];
      if (byte === stopA || byte === stopB || byte === stopC) break;
      bits |= byte;
      to++;
    }
    seenBits |= bits;
    buffer.append(chunk, from, to);
    return to;
  }

  function push(chunk: Buffer): void {
    let index = 0;
    while (index < chunk.length) {
      const byte = chunk[index];
      if (pendingCarriageReturn) {
        pendingCarriageReturn = false;
        if (byte === LF) {
          endRecord();
          index++;
          continue;
        }
        // A lone CR inside an unquoted field is kept as text (old Mac files are not supported).
        buffer.push(CR);
      }
      switch (state) {
        case 'skip-to-line-end': {
          const newline = chunk.indexOf(LF, index);
          if (newline === -1) return;
          line += 1;
          recordLine = line;
          state = 'field-start';
          index = newline + 1;
          continue;
        }
        case 'quoted':
          if (byte === QUOTE) state = 'quote-in-quoted';
          else if (byte === LF) {
            line += 1;
            buffer.push(byte);
          } else {
            index = appendRun(chunk, index, QUOTE, LF, QUOTE) - 1;
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
            seenBits |= byte;
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
            quotedFields.push(fieldEnds.length);
            recordHasContent = true;
          } else {
            // Inside an unquoted field a quote is text, so only the delimiter and line ends stop the run.
            index = appendRun(chunk, index, delimiter, LF, CR) - 1;
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
      index++;
    }
  }

  function end(): void {
    if (state === 'quoted') emit('unterminated-quote');
    else if (state !== 'skip-to-line-end') emit(null);
  }

  return { push, end };
}
