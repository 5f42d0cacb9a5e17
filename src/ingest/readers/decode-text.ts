/**
 * Bytes in a WHATWG encoding as the file reader decodes them (read-records.ts, fileChunks): as a
 * stream. Node 20 decodes windows-1252 (latin1 too, its alias) in one call by a Latin-1 shortcut
 * that reads 0x80–0x9F as control characters, so € (0x80) came out as U+0080, where a stream goes
 * through the code page's own table.
 */
export function decodeText(encoding: string, bytes: Uint8Array): string {
  const decoder = new TextDecoder(encoding);
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}
