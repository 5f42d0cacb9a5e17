/**
 * A downloaded file's name from its translated base and its parts ("pelanggan", "impor-ulang",
 * "2026-12-03" → `pelanggan-impor-ulang-2026-12-03.csv`), safe to save on Windows, macOS and Linux.
 *
 * Letters are kept as written, diacritics included ("klienti-importēšanai-…"): every current system
 * stores UTF-8 names. Only what some system refuses or reads as something else is replaced: the
 * separators and wildcards `/ \ : * ? " < > |` and control characters; spaces become dashes, as
 * the parts are joined with them; a part may not end in a dot or a space (Windows drops them).
 */

// Windows refuses these characters in a name, and `/` (`:` on classic macOS) separates folders elsewhere.
const unsafe = /[\\/:*?"<>|\p{Cc}\p{Cf}\s]+/gu;
// Windows' device names, reserved with any extension ("con.csv" cannot be saved)
const reservedStem = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
// A part is capped so a long segment name cannot push the name past the 255 bytes most file systems allow.
const maxPartLength = 60;

/** One part with what no file system accepts replaced by a dash, without leading or trailing dashes, dots or spaces. */
export function fileNamePart(text: string): string {
  const dashed = text.normalize('NFC').replace(unsafe, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  // by code points, so a cut never splits a letter outside the basic plane
  return Array.from(dashed).slice(0, maxPartLength).join('').replace(/[-.]+$/, '');
}

/**
 * `base-part-part.extension`; empty parts (an option not taken, or one of only unsafe characters)
 * are left out. A base with nothing left to name the file by is a programming error, said as such.
 */
export function safeFileName(base: string, parts: readonly (string | null | undefined)[], extension: string): string {
  if (!/^[a-z0-9]+$/i.test(extension)) throw new Error(`A file extension is letters and digits only, not "${extension}"`);
  const name = fileNamePart(base);
  if (name === '') throw new Error(`A file name needs a base with a letter or digit, not "${base}"`);
  const stem = [name, ...parts.map((part) => (part ? fileNamePart(part) : ''))].filter((part) => part !== '').join('-');
  return `${reservedStem.test(stem) ? `${stem}_` : stem}.${extension}`;
}
