import Papa from 'papaparse';
import { parseProblemsOf, type ParseProblem } from './parse-problems.js';

export type ParsedCsv = { fileName: string; headers: string[]; rows: Record<string, string>[]; problems: ParseProblem[] };

/**
 * Parses in the browser for the preview and mapping; the server validates every
 * value again. Whole-file parsing suits spreadsheets of up to a few hundred
 * thousand rows; larger exports belong to the CLI importer, which streams.
 */
export async function parseCsv(file: File): Promise<ParsedCsv> {
  // read as text first: a problem's place in the text names its line, where a quoted row spans several
  const text = await file.text();
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  return {
    fileName: file.name,
    headers: (result.meta.fields ?? []).filter((header) => header.trim() !== ''),
    rows: result.data,
    problems: parseProblemsOf(result.errors, text),
  };
}
