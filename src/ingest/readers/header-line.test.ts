import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeaderCandidates, readRecords, type ReaderOptions, type RecordItem } from './read-records.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-header-line-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

function writeFile(content: string, extension = 'csv'): string {
  const path = join(directory, `file-${++fileCount}.${extension}`);
  writeFileSync(path, content);
  return path;
}

async function readAll(content: string, options: ReaderOptions = {}) {
  const source = await readRecords(writeFile(content), options);
  const items: RecordItem[] = [];
  for await (const item of source) items.push(item);
  return { source, items };
}

// a sales report as a till or a marketplace writes it: its title, its period and a blank line above the header
const report = 'Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\nNomor Invoice;Total\nINV-1;10.000\nINV-2;20.000;extra\nINV-3;30.000\n';

describe('readRecords with headerLine', () => {
  it('reads the header from the line given, the rows with their line numbers in the file, the delimiter sniffed from the header on', async () => {
    const { source, items } = await readAll(report, { headerLine: 4 });
    expect(source.delimiter).toBe(';');
    expect(source.headers).toEqual(['Nomor Invoice', 'Total']);
    expect(items.map((item) => [item.kind, item.line])).toEqual([['record', 5], ['problem', 6], ['record', 7]]);
    expect(items[1]).toMatchObject({ code: 'ROW_COLUMN_COUNT', params: { line: 6 } });
  });

  it('reads a file as before without it: the title is the header', async () => {
    expect((await readAll(report)).source.headers).toEqual(['Laporan Penjualan']);
  });

  // a Tokopedia report: its header and rows hold spaces as its title does, and the title was split at them, "Columns found: Laporan, Penjualan"
  it('reads a title of words as one column, not split at its spaces, though the lines below hold spaces too', async () => {
    const rows = 'Nomor,Nomor Invoice,Nama Pembeli\n1,INV/20251105/MPL/1,Budi Santoso\n2,INV/20251109/MPL/2,Rina Kusuma\n';
    for (const text of [`Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\n${rows}`, `Laporan Penjualan\n${rows}`]) {
      const { source } = await readAll(text);
      expect([source.delimiter, source.headers]).toEqual([',', ['Laporan Penjualan']]);
    }
  });

  it('skips the title lines whatever they hold, a delimiter or a quote that closes', async () => {
    const { source, items } = await readAll('"Sales, November",,\n,,\nid,name,total\n1,Ana,10\n', { headerLine: 3 });
    expect(source.headers).toEqual(['id', 'name', 'total']);
    expect(items).toEqual([{ kind: 'record', line: 4, values: { id: '1', name: 'Ana', total: '10' }, raw: '1,Ana,10' }]);
  });

  it('takes the first line after a blank header line given, and skips an Excel sep= line above it', async () => {
    expect((await readAll('Report\n\nid,name\n1,Ana\n', { headerLine: 2 })).source.headers).toEqual(['id', 'name']);
    const { source, items } = await readAll('sep=;\nReport\nid;name\n1;Ana\n', { headerLine: 3 });
    expect([source.delimiter, source.headers, items[0].line]).toEqual([';', ['id', 'name'], 4]);
  });

  it('refuses a header line past the end of the file, and one for JSON Lines, which has none', async () => {
    await expect(readAll('Report\nid,name\n1,Ana\n', { headerLine: 9 })).rejects.toMatchObject({ code: 'IMPORT_OPTION_INVALID', details: { field: 'headerLine' } });
    await expect(readRecords(writeFile('{"id":1}\n', 'jsonl'), { headerLine: 2 })).rejects.toMatchObject({ code: 'IMPORT_OPTION_INVALID', details: { field: 'headerLine' } });
    await expect(readAll('id,name\n1,Ana\n', { headerLine: 0 })).rejects.toMatchObject({ code: 'IMPORT_OPTION_INVALID', details: { field: 'headerLine' } });
  });
});

describe('readHeaderCandidates', () => {
  it('splits each of the first lines as the header would be on it, blank lines aside', async () => {
    expect(await readHeaderCandidates(writeFile(report), {}, 30)).toEqual([
      { line: 1, headers: ['Laporan Penjualan'] },
      { line: 2, headers: ['Periode: 01-11-2025 - 30-11-2025'] },
      { line: 4, headers: ['Nomor Invoice', 'Total'] },
      { line: 5, headers: ['INV-1', '10.000'] },
      { line: 6, headers: ['INV-2', '20.000', 'extra'] },
      { line: 7, headers: ['INV-3', '30.000'] },
    ]);
  });

  it('splits no title of words at its spaces, on any line', async () => {
    const text = 'Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\nNomor,Nomor Invoice,Nama Pembeli\n1,INV/20251105/MPL/1,Budi Santoso\n';
    expect(await readHeaderCandidates(writeFile(text), {}, 30)).toEqual([
      { line: 1, headers: ['Laporan Penjualan'] },
      { line: 2, headers: ['Periode: 01-11-2025 - 30-11-2025'] },
      { line: 4, headers: ['Nomor', 'Nomor Invoice', 'Nama Pembeli'] },
      { line: 5, headers: ['1', 'INV/20251105/MPL/1', 'Budi Santoso'] },
    ]);
  });

  it('reads no further than asked, with the delimiter given, and none of a JSON Lines file', async () => {
    expect(await readHeaderCandidates(writeFile('Report; November\nid,name\n1,Ana\n'), { delimiter: ',' }, 2)).toEqual([
      { line: 1, headers: ['Report; November'] }, { line: 2, headers: ['id', 'name'] },
    ]);
    expect(await readHeaderCandidates(writeFile('sep=;\nid;name\n1;Ana\n'), {}, 2)).toEqual([{ line: 2, headers: ['id', 'name'] }]);
    expect(await readHeaderCandidates(writeFile('{"id":1}\n', 'jsonl'), {}, 30)).toEqual([]);
  });
});
