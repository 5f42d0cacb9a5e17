import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// Shops in Jakarta and Riga write an order's status in their own words; only English ones were
// read, so a paid "Lunas" or "Apmaksāts" order was refused with VALUE_NOT_ALLOWED, and an unpaid
// "Belum Dibayar" one was refused as a wrong value instead of as no purchase yet.
const files = scratchFiles('status-words');

describeEachStore('order statuses written in Indonesian or Latvian', (context) => {
  const db = () => context.store.db;

  it('imports each order with the status its word names, accented or not, and refuses unpaid ones as no purchase', async () => {
    const imported: Array<[string, string, string]> = [
      ['ID-1', 'Lunas', 'paid'], ['ID-2', 'Sedang Diproses', 'paid'], ['ID-3', 'Dikirim', 'paid'], ['ID-4', 'Dana Dikembalikan', 'refunded'],
      ['ID-5', 'Dikembalikan Sebagian', 'partially_refunded'], ['ID-6', 'Dibatalkan', 'cancelled'],
      ['LV-1', 'Apmaksāts', 'paid'], ['LV-2', 'izsutits', 'paid'], ['LV-3', 'atmaksats', 'refunded'],
      ['LV-4', 'Daļēji atmaksāts', 'partially_refunded'], ['LV-5', 'anulets', 'cancelled'],
      ['EN-1', 'Credit Note', 'credit_note'], ['EN-2', 'creditnote', 'credit_note'], ['ID-9', 'Nota Kredit', 'credit_note'],
      ['LV-8', 'Kredītrēķins', 'credit_note'], ['LV-9', 'kreditrekins', 'credit_note'], ['LV-10', 'Kredītnota', 'credit_note'],
    ];
    const refused: Array<[string, string]> = [['ID-7', 'Belum Dibayar'], ['ID-8', 'Menunggu Pembayaran'], ['LV-6', 'Neapmaksāts'], ['LV-7', 'apstrade']];
    const rows = [...imported.map(([order, status]) => [order, status]), ...refused];
    const file = files.file('orders.csv', [
      'order_id,customer_id,ordered_at,amount,status',
      ...rows.map(([order, status], index) => `${order},C${index},2026-03-0${1 + (index % 9)},150000,${status}`),
    ].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file });
    expect(summary.rejectsSample).toEqual(refused.map(([, status], index) => expect.objectContaining({
      line: imported.length + index + 2, field: 'status', code: 'STATUS_NOT_PURCHASE',
      reason: `status "${status}" is not a completed purchase, so the order is not imported; import it once it is paid, or leave it out of the file`,
    })));
    expect(summary).toMatchObject({ read: rows.length, inserted: imported.length, rejected: refused.length });
    const stored = await db().selectFrom('customer_order').select(['external_id', 'status']).orderBy('external_id').execute();
    expect(stored).toEqual(imported.map(([order, , status]) => ({ external_id: order, status })).sort((a, b) => a.external_id.localeCompare(b.external_id)));
  });

  it("imports WooCommerce's status codes and Tokopedia's cancellations, and refuses an order on hold saying it awaits its payment (the review's woo.csv, tokped.csv)", async () => {
    const file = files.file('woo.csv', [
      'order_id,ordered_at,status,customer_email,amount,refunded_amount',
      'W501,2026-02-10 09:15,wc-completed,liga@inbox.lv,1250.00,0', 'W502,2026-02-11 10:15,wc-refunded,peteris@inbox.lv,45.00,45.00',
      'W503,2026-02-12 11:15,wc-processing,ilze@inbox.lv,20.00,0', 'W504,2026-02-13 11:15,wc-on-hold,ilze@inbox.lv,20.00,0',
      'W505,2026-02-13 11:15,Dibatalkan Pembeli,ilze@inbox.lv,20.00,0',
    ].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'woo' });
    expect(summary).toMatchObject({ read: 5, inserted: 4, rejected: 1 });
    expect(summary.rejectsSample).toEqual([expect.objectContaining({ line: 5, field: 'status', code: 'STATUS_NOT_PURCHASE', params: { value: 'wc-on-hold' } })]);
    expect(summary.rejectsSample[0].reason).toContain('awaits confirmation of its payment');
    const stored = await db().selectFrom('customer_order').select(['external_id', 'status']).where('source', '=', 'woo').orderBy('external_id').execute();
    expect(stored).toEqual([{ external_id: 'W501', status: 'paid' }, { external_id: 'W502', status: 'refunded' }, { external_id: 'W503', status: 'paid' }, { external_id: 'W505', status: 'cancelled' }]);
  });
});
