import { describe, expect, it } from 'vitest';
import type { IngestContext } from '../../../ingest/canonical.js';
import { findPreset } from '../../../ingest/presets/index.js';
import { rowsFromRecords } from '../../../ingest/rows/parse-file.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import { testContext } from '../../../ingest/rows/test-context.js';
import type { Reject } from '../../api/types.js';
import { toRecord } from './import-mapping.js';
import { presetMapping, toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { rejectColumnsOf, withFileColumns, withPresetColumn } from './reject-columns.js';
import { rejectsCsvFile } from './rejects-csv.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';

const jakarta: IngestContext = { ...testContext, currency: 'IDR', defaultCountry: 'ID', timeZone: 'Asia/Jakarta' };

describe('rejectColumnsOf', () => {
  it('keeps the columns named otherwise than their field, not one named as it (case and spaces aside) nor one a preset adds', () => {
    const mapping: Mapping = { order_id: 'Nomor Invoice', ordered_at: ' Ordered_At ', customer_id: 'CUSTOMER_ID', currency: '=currency', status: 'Status', amount: '' };
    expect([...rejectColumnsOf(mapping)]).toEqual([['order_id', 'Nomor Invoice']]);
    expect([...rejectColumnsOf({ order_id: 'Nomor Invoice', channel: 'Channel' }, ['Channel'])]).toEqual([['order_id', 'Nomor Invoice']]);
  });
});

/**
 * The server's reject of a file's rows: as the CLI reads the file (records under the file's
 * columns, read through `mapping`, row-parser.ts) and as the web app sends it (records under
 * canonical names, toRecord), whose rejects the page then names by the mapping's columns.
 */
function rejectsBothWays(entity: 'orders' | 'customers', rows: Array<Record<string, string>>, mapping: Mapping) {
  const lines = rows.map((_, index) => index + 2);
  const options = { context: jakarta, file: 'file.csv', lines };
  const cli = rowsFromRecords(entity, rows, { ...options, mapping }).rejects;
  const records = rows.map((row) => toRecord(row, mapping));
  const sent = rowsFromRecords(entity, records, options).rejects;
  return { cli, web: sent.map((reject) => withFileColumns(reject, rejectColumnsOf(mapping), records[lines.indexOf(reject.line)])), sent };
}

const said = (rejects: readonly Reject[]) => rejects.map(({ line, field, code, params, reason, also, ...rest }) => ({ line, field, column: (rest as { column?: string }).column, code, params, reason, also }));

describe('a reject of a batch, named by the file\'s columns', () => {
  const mapping: Mapping = { order_id: 'Nomor Invoice', customer_id: 'Pembeli', ordered_at: 'Tanggal Pembayaran', amount: 'Total Penjualan (IDR)', quantity: 'Jumlah', customer_phone: 'No Telp Pembeli' };
  const row = (overrides: Record<string, string>) => ({ 'Nomor Invoice': 'INV/1', Pembeli: 'budi', 'Tanggal Pembayaran': '05-11-2025 10:15', 'Total Penjualan (IDR)': '130000', Jumlah: '2', 'No Telp Pembeli': '', ...overrides });

  it('says what the CLI says of the same rows: an empty date, an unreadable one with a bad amount beside it, a masked phone', () => {
    const { cli, web, sent } = rejectsBothWays('orders', [
      row({ 'Tanggal Pembayaran': '' }),
      row({ 'Nomor Invoice': 'INV/2', 'Tanggal Pembayaran': 'kemarin', 'Total Penjualan (IDR)': '12..5' }),
      row({ 'Nomor Invoice': 'INV/3', Pembeli: '', 'No Telp Pembeli': '628******123' }),
    ], mapping);
    expect(cli.map((reject) => reject.code)).toEqual(['FIELD_REQUIRED', 'DATE_UNREADABLE', 'PHONE_MASKED']);
    // sent under canonical names, the server names the fields alone
    expect(sent.every((reject) => !('column' in reject))).toBe(true);
    expect(said(web)).toEqual(said(cli));
    expect(web[0]).toMatchObject({ column: 'Tanggal Pembayaran', reason: expect.stringMatching(/^Tanggal Pembayaran \(ordered_at\) is empty/) });
    expect(web[1].also).toEqual([expect.objectContaining({ field: 'amount', column: 'Total Penjualan (IDR)', reason: expect.stringMatching(/^Total Penjualan \(IDR\) \(amount\) "12\.\.5"/) })]);
    // the download says it as the table does, the other problems' columns too
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
    const file = rejectsCsvFile(web, 'orders', t, 'en');
    expect(file).toContain('Tanggal Pembayaran (ordered_at)');
    // the other problem's column once, in its message (reject-text.ts, describeOtherProblems)
    expect(file).toContain('Total Penjualan (IDR) (amount) “12..5”');
    expect(file).not.toContain('column “Total Penjualan (IDR)”');
  });

  it('leaves a field read from a column named as it, in any case, as the CLI does', () => {
    const { cli, web } = rejectsBothWays('customers', [{ EMAIL: 'not-an-email', customer_id: 'C1' }], { email: 'EMAIL', customer_id: 'customer_id' });
    expect(said(web)).toEqual(said(cli));
    expect(web[0]).not.toHaveProperty('column');
    expect(web[0].reason).toMatch(/^email /);
  });

  it('names no column for what the writers find comparing rows or the store, nor for a field null', () => {
    const columns = rejectColumnsOf(mapping);
    const base = { file: 'file.csv', line: 3, params: {} };
    const duplicate = { ...base, field: 'order_id', code: 'ORDER_DUPLICATE_IN_FILE', params: { order: 'INV/1', firstLine: 2 }, reason: 'Duplicate order INV/1: it already appeared on line 2.' };
    const summedTooLarge = { ...base, field: 'amount', code: 'AMOUNT_TOO_LARGE', params: { field: 'amount', value: 'USD > 10,000,000,000,000' }, reason: 'The amount of order INV/1, converted …' };
    const notObject = { ...base, field: null, code: 'ROW_NOT_OBJECT', reason: 'the record is not an object' };
    for (const reject of [duplicate, summedTooLarge, notObject]) expect(withFileColumns(reject, columns)).toEqual(reject);
    // a cell's own amount too large is the row's
    const cellTooLarge = { ...base, field: 'amount', code: 'AMOUNT_TOO_LARGE', params: { field: 'amount', value: '99999999999999999' }, reason: 'amount "99999999999999999" is too large; …' };
    expect(withFileColumns(cellTooLarge, columns)).toMatchObject({ column: 'Total Penjualan (IDR)', reason: 'Total Penjualan (IDR) (amount) "99999999999999999" is too large; …' });
  });

  it('names the refund\'s column over a stated amount only, and none for a customer with no identity, as the CLI does', () => {
    const lineMapping: Mapping = { order_id: 'Nomor Invoice', customer_id: 'Pembeli', ordered_at: 'Tanggal Pembayaran', unit_price: 'Harga', quantity: 'Jumlah', refunded_amount: 'Refund' };
    const line = { 'Nomor Invoice': 'INV/9', Pembeli: 'budi', 'Tanggal Pembayaran': '2025-11-05 10:15', Harga: '5000', Jumlah: '1', Refund: '20000' };
    // the order's total is the sum of its lines: no one column holds it (rows/settle-line-totals.ts)
    const summed = rejectsBothWays('orders', [line, { ...line, Harga: '3000' }], lineMapping);
    expect(summed.cli.map((reject) => [reject.line, reject.code])).toEqual([[2, 'REFUND_EXCEEDS_TOTAL'], [3, 'REFUND_EXCEEDS_TOTAL']]);
    expect(said(summed.web)).toEqual(said(summed.cli));
    expect(summed.web.every((reject) => !('column' in reject))).toBe(true);
    // over the amount the row states, the refund's cell is named, the CLI's and the web's alike
    const stated = rejectsBothWays('orders', [row({ 'Tanggal Pembayaran': '2025-11-05 10:15', 'Total Penjualan (IDR)': '10000', Refund: '20000' })], { ...mapping, refunded_amount: 'Refund' });
    expect(said(stated.web)).toEqual(said(stated.cli));
    expect(stated.web[0]).toMatchObject({ code: 'REFUND_EXCEEDS_TOTAL', column: 'Refund', reason: expect.stringMatching(/^Refund \(refunded_amount\) "20000"/) });
    const nobody = rejectsBothWays('customers', [{ Kunde: '', Mail: '', Nama: 'Nobody' }], { customer_id: 'Kunde', email: 'Mail', name: 'Nama' });
    expect(said(nobody.web)).toEqual(said(nobody.cli));
    expect(nobody.web).toEqual([expect.not.objectContaining({ column: expect.anything() })]);
    // the writer's, for a row whose identities all fell away (write-customers.ts): the field alone too
    const writers = { file: 'file.csv', line: 4, field: 'customer_id', code: 'CUSTOMER_IDENTITY_MISSING', params: {}, reason: 'the customer has no customer_id, email, phone or external_id; give at least one so the customer can be recognised again' };
    expect(withFileColumns(writers, rejectColumnsOf({ customer_id: 'Kunde', email: 'Mail' }), { name: 'Nobody' })).toEqual(writers);
  });

  it('leaves a reject that names its column already as it is', () => {
    const named = { file: 'f.csv', line: 2, field: 'ordered_at', column: 'Paid At', code: 'FIELD_REQUIRED', params: {}, reason: 'Paid At (ordered_at) is empty' };
    expect(withFileColumns(named, rejectColumnsOf(mapping))).toEqual(named);
  });
});

describe('a preset\'s reject of a row in the browser', () => {
  it('names the export\'s column beside its reason, which names it already, as the CLI does', () => {
    const uci = findPreset('uci-online-retail');
    const csv = readCsvText('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536366,22632,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom\n', 'uci.csv');
    const { rejects } = toLineRecords(csv, presetMapping(uci, csv.headers), { entity: 'orders', preset: uci });
    expect(rejects).toEqual([expect.objectContaining({ line: 2, field: 'customer_id', column: 'CustomerID', code: 'CUSTOMER_MISSING', reason: expect.stringMatching(/^CustomerID is empty:/) })]);
    const reject = { file: 'f.csv', line: 2, field: 'currency', code: 'CURRENCY_UNKNOWN', params: {}, reason: 'currency "XYZ" …' };
    expect(withPresetColumn(reject, rejectColumnsOf({ currency: '=currency' }))).toEqual(reject);
  });
});
