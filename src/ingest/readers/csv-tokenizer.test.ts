import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvTokenizer } from './csv-tokenizer.js';

type Seen = { line: number; fields: string[]; isAscii: boolean; problem: string | null };

function tokenise(bytes: Buffer, cuts: number[], maxRecordBytes: number): Seen[] {
  const seen: Seen[] = [];
  const tokenizer = createCsvTokenizer(0x2c, maxRecordBytes, (record) => {
    seen.push({
      line: record.line,
      fields: record.fieldStarts.map((start, index) => record.bytes.toString('latin1', start, record.fieldEnds[index])),
      isAscii: record.isAscii,
      problem: record.problem,
    });
  });
  let start = 0;
  for (const cut of [...cuts.filter((cut) => cut < bytes.length)].sort((a, b) => a - b)) {
    tokenizer.push(bytes.subarray(start, cut));
    start = cut;
  }
  tokenizer.push(bytes.subarray(start));
  tokenizer.end();
  return seen;
}

describe('createCsvTokenizer', () => {
  it('reads quotes, doubled quotes, CRLF inside and outside quotes, and says which records are ASCII', () => {
    expect(tokenise(Buffer.from('a,"b,""c""\r\nd"\r\né,x"y\rz\n'), [], 1000)).toEqual([
      { line: 1, fields: ['a', 'b,"c"\r\nd'], isAscii: true, problem: null },
      { line: 3, fields: ['Ã©', 'x"y\rz'], isAscii: false, problem: null },
    ]);
  });

  it('gives the same records however the bytes are cut into chunks, with or without the record cap', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', ',', '"', '""', '\n', '\r', '\r\n', 'é', ' '), { maxLength: 60 }).map((parts) => Buffer.from(parts.join('')));
    fc.assert(
      fc.property(text, fc.array(fc.nat(200), { maxLength: 8 }), fc.constantFrom(4, 16, 1 << 20), (bytes, cuts, cap) => {
        const whole = tokenise(bytes, [], cap);
        expect(tokenise(bytes, cuts, cap)).toEqual(whole);
        expect(tokenise(bytes, Array.from({ length: bytes.length }, (_, index) => index + 1), cap)).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });
});
