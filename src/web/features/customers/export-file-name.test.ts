import { describe, expect, it } from 'vitest';
import { exportFileName, segmentFilePart } from './export-file-name.js';

describe('exportFileName', () => {
  it("dates the file by the store's calendar day, which is not UTC's near midnight", () => {
    const evening = new Date('2026-12-02T20:00:00Z');
    expect(exportFileName('customers', [], evening, 'Asia/Jakarta')).toBe('customers-2026-12-03.csv');
    expect(exportFileName('customers', [], evening, 'UTC')).toBe('customers-2026-12-02.csv');
    // west of UTC the day is still the day before
    expect(exportFileName('customers', [], new Date('2026-12-03T03:00:00Z'), 'America/New_York')).toBe('customers-2026-12-02.csv');
    expect(exportFileName('segment', ['vip'], new Date('2026-12-31T22:30:00Z'), 'Europe/Riga')).toBe('segment-vip-2027-01-01.csv');
  });

  it('puts the translated base and parts before the date, made safe for a file system', () => {
    const now = new Date('2026-12-02T20:00:00Z');
    expect(exportFileName('pelanggan', ['impor-ulang'], now, 'Asia/Jakarta')).toBe('pelanggan-impor-ulang-2026-12-03.csv');
    expect(exportFileName('segments', ['vip', 'e-pasta-piekrišana', null], now, 'Europe/Riga')).toBe('segments-vip-e-pasta-piekrišana-2026-12-02.csv');
    expect(exportFileName('segment', ['a/b: c'], now, 'UTC')).toBe('segment-a-b-c-2026-12-02.csv');
  });

  it("uses the browser's zone while the store's is not known", () => {
    const now = new Date('2026-12-02T20:00:00Z');
    const browserDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    expect(exportFileName('customers', [], now, undefined)).toBe(`customers-${browserDay}.csv`);
  });
});

describe('segmentFilePart', () => {
  it.each([
    ['Jakarta repeat buyers', 7, 'jakarta-repeat-buyers'],
    ['Kafija Rīgā!', 7, 'kafija-rīgā'],
    ['ĶEKAVAS ŪDENS KLIENTI', 7, 'ķekavas-ūdens-klienti'],
    ['Kafija Ri\u0304ga\u0304', 7, 'kafija-rīgā'],
    ['Pelanggan Setia — Bandung', 7, 'pelanggan-setia-bandung'],
    ['नियमित ग्राहक', 7, 'नियमित-ग्राहक'],
    ['  VIP / lapsed (2026)  ', 7, 'vip-lapsed-2026'],
    ['常客', 7, '常客'],
    ['!!!', 12, '12'],
    ['/:*?"<>|', 12, '12'],
  ])('names "%s" as %s', (name, segmentId, expected) => {
    expect(segmentFilePart(name, segmentId)).toBe(expected);
  });

  it('keeps the accents of a Latvian segment as the translated base beside it keeps its own', () => {
    const name = exportFileName('segments', [segmentFilePart('Kafija Rīgā!', 7), 'e-pasta-piekrišana'], new Date('2026-12-02T20:00:00Z'), 'Europe/Riga');
    expect(name).toBe('segments-kafija-rīgā-e-pasta-piekrišana-2026-12-02.csv');
  });

  it('keeps a long name to 60 characters without a trailing dash', () => {
    expect(segmentFilePart(`${'a'.repeat(59)} b`, 1)).toBe('a'.repeat(59));
  });
});
