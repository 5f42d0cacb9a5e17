import Papa from 'papaparse';

export type ParsedCsv = { fileName: string; headers: string[]; rows: Record<string, string>[]; problems: string[] };

/**
 * Parses in the browser for the preview and mapping; the server validates every
 * value again. Whole-file parsing suits spreadsheets of up to a few hundred
 * thousand rows; larger exports belong to the CLI importer, which streams.
 */
export function parseCsv(file: File): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: 'greedy',
      worker: false,
      complete: (result) => resolve({
        fileName: file.name,
        headers: (result.meta.fields ?? []).filter((header) => header.trim() !== ''),
        rows: result.data,
        problems: result.errors.slice(0, 20).map((error) => `${error.row === undefined ? '' : `${error.row + 2}: `}${error.message}`),
      }),
      error: (error) => reject(error),
    });
  });
}
