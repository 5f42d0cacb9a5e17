import { GrowableBuffer } from './growable-buffer.js';

export type ByteLine = { line: number; bytes: Buffer; isTooLong: boolean };

/**
 * Splits a byte stream into physical lines (LF or CRLF) without decoding, so invalid UTF-8
 * can be reported per line instead of being silently replaced. Empty lines are skipped but
 * counted. Lines longer than `maxLineBytes` are reported, not held in memory. Yields the lines
 * completed by each chunk together, so a line costs no trip through an async generator.
 */
export async function* splitByteLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<ByteLine[]> {
  const buffer = new GrowableBuffer();
  let line = 1;
  let isTooLong = false;
  const take = (): ByteLine | null => {
    let end = buffer.length;
    if (end > 0 && buffer.bytes[end - 1] === 0x0d) end -= 1;
    const result = end > 0 || isTooLong ? { line, bytes: Buffer.from(buffer.bytes.subarray(0, end)), isTooLong } : null;
    buffer.reset();
    isTooLong = false;
    return result;
  };
  for await (const chunk of chunks) {
    const lines: ByteLine[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!isTooLong) buffer.append(chunk, start, end);
      if (buffer.length > maxLineBytes) {
        isTooLong = true;
        buffer.reset();
      }
      if (newline === -1) break;
      const taken = take();
      if (taken) lines.push(taken);
      line += 1;
      start = newline + 1;
    }
    if (lines.length > 0) yield lines;
  }
  const last = take();
  if (last) yield [last];
}
