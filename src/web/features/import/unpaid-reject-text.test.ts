import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../../ingest/presets/index.js';
import type { Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { presetMapping, toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { describeReject } from './reject-text.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

const tokopedia = readFileSync(new URL('../../../../test/fixtures/ingest/tokopedia-orders.csv', import.meta.url), 'utf8');
const [header, firstProduct] = tokopedia.split('\n');
const withStatus = (status: string) => firstProduct.replace('Pesanan Selesai', status);
// a new invoice Tokopedia has no payment date for yet
const unpaid = withStatus('Pesanan Baru').replace('05-11-2025 10:15:00', '').replace('INV/20251105/MPL/3782910374', 'INV/UNPAID');

function rejectsOf(text: string) {
  const preset = findPreset('tokopedia-orders');
  const csv = readCsvText(text, 'tokopedia.csv');
  return toLineRecords(csv, presetMapping(preset, csv.headers), { entity: 'orders', preset }).rejects;
}

// the reason is the preset's own (`unpaid`, `dateColumn`: presets/tokopedia-orders.ts), so the CLI's rejects file and the API carry it too
describe('a Tokopedia invoice rejected as no purchase yet', () => {
  it('names the empty payment date of a "Pesanan Baru" row in its reject', () => {
    expect(unpaid).not.toBe(firstProduct);
    expect(rejectsOf([header, unpaid].join('\n'))).toEqual([expect.objectContaining({
      line: 2, field: 'status', column: 'Status Terakhir', code: 'STATUS_NOT_PURCHASE', params: { value: 'Pesanan Baru', unpaid: 'no_payment_date', dateColumn: 'Tanggal Pembayaran' },
    })]);
  });

  it('says in English that the buyer has not paid, as it has no payment date', () => {
    const [reject] = rejectsOf([header, unpaid].join('\n'));
    // the column names the status once, and an invoice, as the CLI's reason says (presets/tokopedia-orders.ts)
    expect(describeReject(reject, tIn('en'), 'en').text).toBe('Status Terakhir (status): “Pesanan Baru” with no Tanggal Pembayaran (the payment date): '
      + 'the buyer has not paid yet, so the invoice is not imported; import it again once it is paid.');
  });

  it.each(locales)('%s: names the status column once and says invoice, not order', (locale) => {
    const [reject] = rejectsOf([header, unpaid].join('\n'));
    const text = describeReject(reject, tIn(locale), locale).text;
    expect(text).toMatch(/^Status Terakhir \(status\): “Pesanan Baru”/);
    expect(text).not.toMatch(/(Status|Statuss) “Pesanan Baru”/);
    expect(text).toMatch(/invoice|rēķins/);
    expect(text).not.toMatch(/\b(order|pesanan ini|pasūtījums)\b/);
  });

  it.each(locales)('%s: says so with the status and the column named, and no placeholder left', (locale) => {
    const t = tIn(locale);
    const [reject] = rejectsOf([header, unpaid].join('\n'));
    const text = describeReject(reject, t, locale).text;
    expect(text).toContain('Pesanan Baru');
    expect(text).toContain('Tanggal Pembayaran');
    expect(text).not.toMatch(/[{}]/);
    expect(text).not.toContain(t('rejectReasons.STATUS_NOT_PURCHASE', { value: 'Pesanan Baru' }));
  });
});
