import type { HeaderCandidate } from '../../../ingest/readers/read-records.js';

// a report's title and period take a few lines: more options would be its data rows
export const maxHeaderLineOptions = 10;

/**
 * The lines offered to read the header from: the first, the one the advice proposes and those
 * between (a report's title and period), and the line read now; not the data rows below, which no
 * header is on. With no line advised, those up to the line read now, or, read from the first, the
 * first lines (the user may see a title the advice did not). At most maxHeaderLineOptions, the
 * first, advised and current lines always among them.
 */
export function headerLineOptions(candidates: readonly HeaderCandidate[], headerLine: number, advisedLine: number | null): HeaderCandidate[] {
  const lastLine = advisedLine !== null ? Math.max(headerLine, advisedLine) : headerLine > 1 ? headerLine : Number.POSITIVE_INFINITY;
  const kept = new Set([1, headerLine, ...(advisedLine === null ? [] : [advisedLine])]);
  const options = candidates.some((candidate) => candidate.line === headerLine) ? [...candidates] : [...candidates, { line: headerLine, headers: [] }];
  const inRegion = options.filter((candidate) => candidate.line <= lastLine).sort((a, b) => a.line - b.line);
  const named = inRegion.filter((candidate) => kept.has(candidate.line));
  const others = inRegion.filter((candidate) => !kept.has(candidate.line)).slice(0, Math.max(0, maxHeaderLineOptions - named.length));
  return [...named, ...others].sort((a, b) => a.line - b.line);
}

/** A line's names as written: an empty cell is no name, though the reader calls its column `column_3` (sniff.ts, uniqueHeaders). */
export function writtenNames(headers: readonly string[]): string[] {
  return headers.filter((header, index) => header !== `column_${index + 1}`);
}
