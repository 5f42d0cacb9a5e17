import type { HeaderCandidate } from '../../../ingest/readers/read-records.js';
import { detectDelimiter, excelSeparatorOf, uniqueHeaders } from '../../../ingest/readers/sniff.js';
import { readCsvRecords } from './csv-records.js';

// a report's title and period take a few lines: a header is not looked for further down (the CLI's, import-file.service.ts)
export const headerSearchLines = 30;

/**
 * The line the header is read from and the delimiter, as the CLI's reader lays a file out
 * (read-records.ts, layoutOf): the line asked for, but never Excel's `sep=;` line, which names the
 * delimiter; else the delimiter is sniffed from the header line on, as a report's title above it
 * holds none, or not the file's. `head`: the file's first characters, `\n` line ends, no byte order mark.
 */
export function layoutFrom(head: string, headerLine: number): { headerLine: number; delimiter: string } {
  const separator = excelSeparatorOf(head);
  const line = Math.max(headerLine, separator === null ? 1 : 2);
  const fromHeader = line === 1 ? head : head.split('\n').slice(line - 1).join('\n');
  return { headerLine: line, delimiter: separator ?? detectDelimiter(fromHeader) ?? ',' };
}

/**
 * The file's first lines, blank ones aside, each split as the header would be were it on that
 * line, as the CLI finds them (read-records.ts, readHeaderCandidates): what the page looks for a
 * header below a report's title in, and offers to read the header from.
 */
export function headerCandidatesOf(head: string, maxLines = headerSearchLines): HeaderCandidate[] {
  const lines = head.split('\n');
  const candidates: HeaderCandidate[] = [];
  for (let index = 0; index < Math.min(maxLines, lines.length); index++) {
    if (lines[index].trim() === '') continue;
    const layout = layoutFrom(head, index + 1);
    // a `sep=` line is no header
    if (layout.headerLine !== index + 1) continue;
    const [first] = readCsvRecords(lines[index], layout.delimiter);
    candidates.push({ line: index + 1, headers: uniqueHeaders(first?.fields ?? []) });
  }
  return candidates;
}
