import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeaderCandidates, readRecords } from '../../../ingest/readers/read-records.js';
import { headerCandidatesOf } from './header-line.js';
import { readCsvText } from './parse-csv.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-web-header-line-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;
const fileOf = (text: string) => {
  const path = join(directory, `file-${++fileCount}.csv`);
  writeFileSync(path, text);
  return path;
};

/** What the CLI's reader makes of the text with --header-line: header, delimiter, the rows' lines and the rejects'. */
async function readByCli(text: string, headerLine: number) {
  const source = await readRecords(fileOf(text), { headerLine });
  const rows: number[] = [];
  const rejects: number[] = [];
  for await (const item of source) (item.kind === 'record' ? rows : rejects).push(item.line);
  return { headers: source.headers, delimiter: source.delimiter, rows, rejects };
}

const asTheWebReads = (text: string, headerLine: number) => {
  const csv = readCsvText(text, 'report.csv', 'utf-8', headerLine);
  return { headers: csv.headers, delimiter: csv.delimiter, rows: csv.places.map((place) => place.line), rejects: csv.rejects.map((reject) => reject.line) };
};

// a sales report as a till or a marketplace writes it: its title, its period and a blank line above the header
const report = 'Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\nNomor Invoice;Total\nINV-1;10.000\nINV-2;20.000;extra\nINV-3;30.000\n';

describe('reading the header from a later line in the browser, as the CLI\'s --header-line', () => {
  it.each([
    ['a report below its title and period', report, 4],
    ['a header line given on the blank line above it', report, 3],
    ['Excel\'s sep= line above a title', 'sep=;\r\nSales report\r\nname;email\r\nAna;ana@example.com\r\n', 3],
    ['a title holding commas above a tab file', 'Report, November, 2025\nid\tname\n1\tAna\n2\tBudi\textra\n', 2],
  ])('%s', async (_, text, headerLine) => {
    expect(asTheWebReads(text, headerLine)).toEqual(await readByCli(text, headerLine));
  });

  it('keeps the rows at their lines in the file, for the rejects to name, and says which line the header was read from', () => {
    const csv = readCsvText(report, 'report.csv', 'utf-8', 4);
    expect(csv).toMatchObject({ headerLine: 4, delimiter: ';', headers: ['Nomor Invoice', 'Total'], rows: [{ 'Nomor Invoice': 'INV-1', Total: '10.000' }, { 'Nomor Invoice': 'INV-3', Total: '30.000' }] });
    expect(csv.places.map((place) => place.line)).toEqual([5, 7]);
    expect(csv.rejects.map((reject) => [reject.line, reject.code])).toEqual([[6, 'ROW_COLUMN_COUNT']]);
    // read from its first line, the title is the header
    expect(readCsvText(report, 'report.csv')).toMatchObject({ headerLine: 1, headers: ['Laporan Penjualan'] });
  });

  it('reads no header from a line past the file\'s end', () => {
    expect(readCsvText(report, 'report.csv', 'utf-8', 40)).toMatchObject({ headerLine: 40, headers: [], rows: [] });
  });
});

describe('the lines a header is looked for on', () => {
  it.each([
    ['a report', report],
    ['Excel\'s sep= line', 'sep=;\nSales report\nname;email\nAna;ana@example.com\n'],
  ])('are the CLI\'s in %s: each line of the first 30, blank ones aside, split as a header', async (_, text) => {
    const web = headerCandidatesOf(text);
    expect(web).toEqual(await readHeaderCandidates(fileOf(text), {}, 30));
    expect(web.length).toBeGreaterThan(2);
    expect(readCsvText(text, 'file.csv').headerCandidates).toEqual(web);
  });

  it('are the CLI\'s in a Tokopedia report, its title read whole by both, not split at its spaces', async () => {
    const text = `Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\n${readFileSync(new URL('../../../../test/fixtures/ingest/tokopedia-orders.csv', import.meta.url), 'utf8')}`;
    const web = readCsvText(text, 'laporan.csv').headerCandidates;
    expect(web).toEqual(await readHeaderCandidates(fileOf(text), {}, 30));
    expect(web.slice(0, 2)).toEqual([{ line: 1, headers: ['Laporan Penjualan'] }, { line: 2, headers: ['Periode: 01-11-2025 - 30-11-2025'] }]);
  });

  it('stop at the 30th line', () => {
    const text = Array.from({ length: 50 }, (_, index) => `a${index},b${index}`).join('\n');
    expect(headerCandidatesOf(text).map((candidate) => candidate.line)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
  });
});
