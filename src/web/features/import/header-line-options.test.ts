import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headerLineOptions, maxHeaderLineOptions, writtenNames } from './header-line-options.js';
import { readCsvText } from './parse-csv.js';

const tokopedia = readFileSync(new URL('../../../../test/fixtures/ingest/tokopedia-orders.csv', import.meta.url), 'utf8');
// the title, the period and a blank line above the header (line 4), then the report's rows
const report = `Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\n${tokopedia}`;
const linesOf = (options: ReturnType<typeof headerLineOptions>) => options.map((option) => option.line);

describe('the lines offered to read the header from', () => {
  const csv = readCsvText(report, 'laporan.csv');

  it('are the title\'s and the advised header\'s, not the data rows below', () => {
    expect(csv.headerCandidates.length).toBeGreaterThan(5);
    expect(linesOf(headerLineOptions(csv.headerCandidates, 1, 4))).toEqual([1, 2, 4]);
  });

  it('keep the line read now and those above it once the advised line is read', () => {
    const fromHeader = readCsvText(report, 'laporan.csv', 'utf-8', 4);
    expect(linesOf(headerLineOptions(fromHeader.headerCandidates, 4, null))).toEqual([1, 2, 4]);
  });

  it('are the first lines of a file with nothing advised, at most ten', () => {
    const rows = Array.from({ length: 20 }, (_, index) => `A${index},C${index},2026-11-02,10`);
    const plain = readCsvText(['order_id,customer_id,ordered_at,amount', ...rows].join('\n'), 'plain.csv');
    expect(linesOf(headerLineOptions(plain.headerCandidates, 1, null))).toEqual(Array.from({ length: maxHeaderLineOptions }, (_, index) => index + 1));
  });

  it('keep the first, the advised and the current line among at most ten, however long the title', () => {
    const title = Array.from({ length: 14 }, (_, index) => `Title ${index + 1}`);
    const long = readCsvText([...title, 'order_id,customer_id,ordered_at,amount', 'A1,C1,2026-11-02,10'].join('\n'), 'long.csv');
    const lines = linesOf(headerLineOptions(long.headerCandidates, 1, 15));
    expect(lines.length).toBeLessThanOrEqual(maxHeaderLineOptions);
    expect(lines).toEqual(expect.arrayContaining([1, 15]));
    expect(lines).not.toContain(16);
  });
});

describe('a line\'s names as offered', () => {
  it('leave out its empty cells, not naming them as the reader does', () => {
    const csv = readCsvText('Laporan,,\n8,INV/1,,Pesanan Baru\n', 'r.csv');
    const [, row] = csv.headerCandidates;
    expect(row.headers).toContain('column_3');
    expect(writtenNames(row.headers)).toEqual(['8', 'INV/1', 'Pesanan Baru']);
    expect(writtenNames(['Nomor', 'Total'])).toEqual(['Nomor', 'Total']);
  });
});
