/**
 * A UTF-8 file read with --encoding windows-1257 (latin1, windows-1252…) imports "Rīga" as
 * "RÄ«ga" without a single reject: every byte is some letter in a one-byte code page. The bytes
 * tell the two apart cheaply: a one-byte text with accented letters is almost never valid UTF-8
 * (an "é" or "ā" followed by a plain letter is a broken sequence), while a UTF-8 text always is.
 */

// Code pages that read one character per byte; the others (UTF-16, Shift_JIS, GBK…) have their own multi-byte rules.
const multiByteEncodings = new Set(['utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp', 'shift_jis', 'euc-kr']);

export type Utf8ReadAsOneByte = {
  /** The physical line (1-based) of the first non-ASCII character. */
  line: number;
  /** The word around it as UTF-8 reads it ("Rīga") and as the given encoding does ("RÄ«ga"). */
  asUtf8: string;
  asGiven: string;
};

const isWordByte = (byte: number) => byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a);

/** How many bytes at the end of `bytes` start a UTF-8 sequence that the cut left incomplete. */
function cutSequenceLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back];
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}

/**
 * Where `head` (a file's first bytes, possibly cut mid-character) is UTF-8 with at least one
 * multi-byte character while `encoding` (a WHATWG label) reads one byte per character; null when
 * it is not, or the encoding is itself multi-byte.
 */
export function utf8ReadAsOneByte(head: Uint8Array, encoding: string): Utf8ReadAsOneByte | null {
  const given = new TextDecoder(encoding);
  if (multiByteEncodings.has(given.encoding)) return null;
  const first = head.findIndex((byte) => byte >= 0x80);
  if (first === -1) return null;
  const whole = head.subarray(0, head.length - cutSequenceLength(head));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(whole);
  } catch {
    return null;
  }
  let line = 1;
  for (let index = 0; index < first; index += 1) if (head[index] === 0x0a) line += 1;
  let start = first;
  let end = first;
  while (start > 0 && first - start < 20 && isWordByte(whole[start - 1])) start -= 1;
  while (end < whole.length && end - first < 20 && isWordByte(whole[end])) end += 1;
  while (start < first && (whole[start] & 0xc0) === 0x80) start += 1;
  // a word cut after 20 bytes may end mid-character: back to the character's start
  while (end < whole.length && (whole[end] & 0xc0) === 0x80) end -= 1;
  const word = whole.subarray(start, end);
  // "ā" is C4 81, and 0x81 reads as an invisible control character in most code pages: shown as �
  return { line, asUtf8: new TextDecoder('utf-8').decode(word), asGiven: given.decode(word).replace(/[\u0080-\u009f]/g, '\ufffd') };
}
