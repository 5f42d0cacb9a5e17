import { decodeText } from './decode-text.js';

/**
 * Which one-byte encoding a row that is not UTF-8 was probably saved in. Excel saves CSV in the
 * system's code page: windows-1252 in Western Europe and the Americas, windows-1257 in the Baltic
 * states. The two share ASCII and a few letters (ä ö ü é ó õ) but put Latvian and Lithuanian
 * letters where windows-1252 has others, so a Latvian file read as windows-1252 imports as
 * "vârds, pilsçta" without a single reject. No charset-detection library tells these two apart
 * on a row or two (they guess from whole documents), so the row's own bytes vote.
 */
export type OneByteEncoding = 'windows-1257' | 'windows-1252';

// Bytes that are a Latvian or Lithuanian letter in windows-1257 (ā ē ī ū š ž ņ ļ ģ ė, either case)
// and in windows-1252 one Western text seldom has (â ç î û ð þ ò ï ì ë).
const balticLetters = new Set([0xe2, 0xe7, 0xee, 0xfb, 0xf0, 0xfe, 0xf2, 0xef, 0xec, 0xeb, 0xc2, 0xc7, 0xce, 0xdb, 0xd0, 0xde, 0xd2, 0xcf, 0xcc, 0xcb]);
// Bytes that are a common Western letter in windows-1252 (ñ ã ê ô ú ù í à, Š š Ž ž Œ œ Ÿ) and no
// Latvian, Lithuanian or Estonian one in windows-1257.
const westernLetters = new Set([0xf1, 0xe3, 0xea, 0xf4, 0xfa, 0xf9, 0xed, 0xe0, 0xd1, 0xc3, 0xca, 0xd4, 0xda, 0xd9, 0xcd, 0xc0, 0x8a, 0x9a, 0x8e, 0x9e, 0x8c, 0x9c, 0x9f]);

/** The encoding the row's non-ASCII bytes read as letters in more often, or null when they do not lean either way. */
export function likelyEncoding(...fields: Uint8Array[]): OneByteEncoding | null {
  let baltic = 0;
  let western = 0;
  for (const bytes of fields) {
    for (const byte of bytes) {
      if (byte < 0x80) continue;
      if (balticLetters.has(byte)) baltic += 1;
      else if (westernLetters.has(byte)) western += 1;
    }
  }
  return baltic > western ? 'windows-1257' : western > baltic ? 'windows-1252' : null;
}

const isWordByte = (byte: number) => byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a);

// The bytes the two encodings read as different characters (most of 0xA0–0xFF, a few below).
const readDifferently = new Set(Array.from({ length: 128 }, (_, index) => index + 0x80).filter((byte) => {
  const bytes = Uint8Array.of(byte);
  return decodeText('windows-1257', bytes) !== decodeText('windows-1252', bytes);
}));

/** The word around the row's first byte the encodings read differently, at most 40 bytes; null when they read the row alike. */
function wordReadDifferently(fields: readonly Uint8Array[]): Uint8Array | null {
  const bytes = fields.find((field) => field.some((byte) => readDifferently.has(byte)));
  if (bytes === undefined) return null;
  const at = bytes.findIndex((byte) => readDifferently.has(byte));
  let start = at;
  let end = at + 1;
  while (start > 0 && at - start < 20 && isWordByte(bytes[start - 1])) start -= 1;
  while (end < bytes.length && end - at < 20 && isWordByte(bytes[end])) end += 1;
  return bytes.subarray(start, end);
}

// a byte the code page leaves undefined decodes to an invisible control character: shown as � (no letter)
const readAs = (encoding: OneByteEncoding, word: Uint8Array) => `"${decodeText(encoding, word).replace(/[\u0080-\u009f]/g, '\ufffd')}"`;

/**
 * The end of a ROW_NOT_UTF8 reason ("line 3 …"): the encoding the row was likely saved in, with a
 * word of the row as it reads in each, so the owner can see which is right before importing.
 * `fields`: the row's bytes, whole or (a CSV record, whose delimiters are not kept) field by field.
 */
export function notUtf8Advice(...fields: Uint8Array[]): string {
  const likely = likelyEncoding(...fields);
  const word = wordReadDifferently(fields);
  if (likely !== null) {
    const other: OneByteEncoding = likely === 'windows-1257' ? 'windows-1252' : 'windows-1257';
    const shown = word === null ? '' : `: ${readAs(likely, word)}, which ${other} would read as ${readAs(other, word)}`;
    return `is not valid UTF-8 (the file was probably saved as ${likely}, the ${likely === 'windows-1257' ? 'Baltic' : 'Western European'} code page${shown}); re-save it as UTF-8 or pass --encoding ${likely}`;
  }
  const shown = word === null ? '' : `: ${readAs('windows-1252', word)} as windows-1252, ${readAs('windows-1257', word)} as windows-1257`;
  return `is not valid UTF-8 (the file was probably saved in a one-byte code page${shown}); re-save it as UTF-8, or pass --encoding windows-1252 (Western European) or windows-1257 (Latvian, Lithuanian, Estonian), whichever reads it right`;
}
