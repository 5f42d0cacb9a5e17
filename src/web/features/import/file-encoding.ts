import { likelyEncoding, type OneByteEncoding } from '../../../ingest/readers/likely-encoding.js';

/**
 * The encodings a file may be read in, as the CLI's --encoding names them (readers/read-records.ts):
 * Excel saves CSV in the system's code page unless told "CSV UTF-8".
 */
export const fileEncodings = ['utf-8', 'windows-1257', 'windows-1252', 'latin1', 'utf-16le'] as const;

/**
 * A file that is not text in the encoding it was read in: `line`, the first line that is not;
 * `likely`, the code page its bytes lean to (likely-encoding.ts), when they lean.
 */
export type Undecodable = { encoding: string; line: number; likely: OneByteEncoding | null };

/** The encoding a byte order mark announces, which wins over the one chosen, as in the CLI. */
function encodingOfByteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The file's text in `encoding` (a WHATWG label), or why it has none. Decoded strictly: a byte the
 * encoding has no character for would become U+FFFD and be stored as "J�nis" in every row it is in.
 */
export function decodeFileBytes(bytes: Uint8Array, chosen: string): { text: string; encoding: string } | { undecodable: Undecodable } {
  const encoding = encodingOfByteOrderMark(bytes) ?? chosen;
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const lenient = new TextDecoder(encoding).decode(bytes);
    const at = lenient.indexOf('\ufffd');
    let line = 1;
    for (let index = lenient.indexOf('\n'); index !== -1 && index < at; index = lenient.indexOf('\n', index + 1)) line += 1;
    return { undecodable: { encoding, line, likely: encoding === 'utf-8' ? likelyEncoding(bytes) : null } };
  }
}
