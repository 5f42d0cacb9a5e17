import { describe, expect, it } from 'vitest';
import type { IngestSummary, Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { maskedPhonesNote, type MaskedPhones } from '../../../ingest/rows/index.js';
import { importSummaryLines } from './import-summary.js';
import { addBatchSummary, emptyTotals, type ImportTotals } from './run-import.js';

// the server's answer to an orders batch of a file, with the rows whose masked phone it ignored (POST /api/ingest/orders)
const batch = (read: number, maskedPhones?: MaskedPhones): IngestSummary & { maskedPhones?: MaskedPhones } =>
  ({ importId: 1, entity: 'orders', read, inserted: read, updated: 0, unchanged: 0, rejected: 0, rejects: [], orders: { inserted: read, updated: 0, unchanged: 0, rejected: 0 }, ...(maskedPhones ? { maskedPhones } : {}) });
const masked = (rows: number, line: number, value = '0812-3456-7***'): MaskedPhones => ({ rows, first: { line, field: 'customer_phone', value } });

const linesIn = (locale: Locale, totals: ImportTotals) => importSummaryLines(
  totals, totals.read, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), createFormatters(intlTagByLocale[locale], null, 'UTC'), locale,
);

describe('the rows whose masked phone a web import ignored', () => {
  it('adds up what each batch counted, the lowest line the example; a batch without any, or an answer from before the server counted them, adds none', () => {
    const batches = [batch(1000, masked(2, 1500, '******7890')), batch(1000, { rows: 0, first: null }), batch(3), batch(500, masked(1, 2, '628******123'))];
    const totals = batches.reduce(addBatchSummary, emptyTotals);
    expect(totals.maskedPhones).toEqual({ rows: 3, first: { line: 2, field: 'customer_phone', value: '628******123' } });
    expect(batches.slice(1, 3).reduce(addBatchSummary, emptyTotals).maskedPhones).toEqual({ rows: 0, first: null });
  });

  it('says it in English as the CLI\'s summary does', () => {
    const totals = [batch(2, masked(2, 2)), batch(1, masked(1, 4))].reduce(addBatchSummary, emptyTotals);
    const cli = maskedPhonesNote(totals.maskedPhones);
    expect(linesIn('en', totals).at(-1)).toBe(`${cli}.`);
    expect(linesIn('en', totals).at(-1)).toBe('3 rows had a masked phone (e.g. line 2: 0812-3456-7***), ignored: a masked number cannot tell buyers apart.');
    expect(linesIn('en', addBatchSummary(emptyTotals, batch(5, masked(1, 7))))).toContain('1 row had a masked phone (e.g. line 7: 0812-3456-7***), ignored: a masked number cannot tell buyers apart.');
  });

  it.each<[Locale, number, string]>([
    ['en', 1234, '1,234 rows had a masked phone (e.g. line 12345: 0812-3456-7***), ignored: a masked number cannot tell buyers apart.'],
    ['id', 1, '1 baris berisi nomor telepon yang disamarkan (mis. baris 12345: 0812-3456-7***) dan nomor itu diabaikan: nomor yang disamarkan tidak dapat membedakan pembeli.'],
    ['id', 1234, '1.234 baris berisi nomor telepon yang disamarkan (mis. baris 12345: 0812-3456-7***) dan nomor itu diabaikan: nomor yang disamarkan tidak dapat membedakan pembeli.'],
    ['lv', 1, '1 rindā tālruņa numurs bija maskēts (piem., 12345. rindā: 0812-3456-7***), tāpēc numurs netika ņemts vērā: maskēts numurs nevar atšķirt pircējus.'],
    ['lv', 21, '21 rindā tālruņa numurs bija maskēts (piem., 12345. rindā: 0812-3456-7***), tāpēc numurs netika ņemts vērā: maskēts numurs nevar atšķirt pircējus.'],
    ['lv', 11, '11 rindās tālruņa numurs bija maskēts (piem., 12345. rindā: 0812-3456-7***), tāpēc numuri netika ņemti vērā: maskēts numurs nevar atšķirt pircējus.'],
    ['lv', 5, '5 rindās tālruņa numurs bija maskēts (piem., 12345. rindā: 0812-3456-7***), tāpēc numuri netika ņemti vērā: maskēts numurs nevar atšķirt pircējus.'],
  ])('says it in %s in the form of the count (%i), the file\'s line as written', (locale, rows, expected) => {
    const totals = addBatchSummary(emptyTotals, batch(20000, masked(rows, 12345)));
    const lines = linesIn(locale, totals);
    // the rows, the orders, then the masked phones
    expect(lines).toEqual([expect.any(String), expect.any(String), expected]);
    expect(linesIn(locale, addBatchSummary(emptyTotals, batch(20000, { rows: 0, first: null })))).toHaveLength(2);
  });
});
