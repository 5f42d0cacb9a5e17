/**
 * Guesses a file's shape from its first bytes, the way a person glancing at it would.
 * Pure functions over the decoded head of the file.
 */
export const candidateDelimiters = [',', ';', '\t', '|'] as const;

/** Counts a delimiter outside double quotes; quotes may span lines, so this walks the text once. */
function countPerLine(text: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  let count = 0;
  let isQuoted = false;
  for (const character of text) {
    if (character === '"') isQuoted = !isQuoted;
    else if (!isQuoted && character === delimiter) count += 1;
    else if (!isQuoted && character === '\n') {
      counts.push(count);
      count = 0;
      if (counts.length >= maxLines) return counts;
    }
  }
  return counts;
}

/**
 * The candidate that splits the header into the most columns while splitting the following
 * lines the same way; a comma that appears in one address only loses to a consistent semicolon.
 */
export function detectDelimiter(head: string): string | null {
  let best: { delimiter: string; score: number } | null = null;
  for (const delimiter of candidateDelimiters) {
    const counts = countPerLine(head.includes('\n') ? head : `${head}\n`, delimiter, 20);
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const consistentLines = counts.filter((count) => count === headerCount).length;
    const score = consistentLines * 1000 + headerCount;
    if (!best || score > best.score) best = { delimiter, score };
  }
  return best?.delimiter ?? null;
}

/**
 * The delimiter Excel's first line `sep=;` names (Excel writes and reads it to say which
 * character separates the values), else null. The line is no header: the header follows it.
 */
export function excelSeparatorOf(head: string): string | null {
  const match = /^sep=([^\n\r"])[ \t]*(?:\r?\n|$)/i.exec(head);
  return match === null ? null : match[1];
}

/**
 * Several tokens per line separated by runs of spaces, as many on every line, as in fixed-width
 * exports (CDNOW). A report's title of words above a CSV header ("Laporan Penjualan", then its
 * period, then `Nomor,Nomor Invoice,…`) is none: its lines split unevenly and the header holds a
 * delimiter, and split at its spaces the title was read as the columns "Laporan, Penjualan".
 */
export function looksWhitespaceSeparated(head: string): boolean {
  const lines = head.split('\n').slice(0, 5).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0 || lines.some((line) => /[,;|]/.test(line))) return false;
  const tokens = lines[0].split(/\s+/).length;
  return tokens > 1 && lines.every((line) => line.split(/\s+/).length === tokens);
}

export function looksLikeJsonLines(head: string, path: string): boolean {
  if (/\.(jsonl|ndjson)$/i.test(path)) return true;
  return head.trimStart().startsWith('{');
}

export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Encodings announced by a byte order mark win over the caller's guess. */
export function encodingFromByteOrderMark(head: Buffer): string | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Header names as given, but never empty or duplicated, so every value has a key. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((name, index) => {
    const base = name.trim() === '' ? `column_${index + 1}` : name.trim();
    const times = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), times);
    return times === 1 ? base : `${base}_${times}`;
  });
}
