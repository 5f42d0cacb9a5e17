import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// Shops in Jakarta and Riga name their sales channels in their own words; only English ones were
// read, and every such order was refused with VALUE_NOT_ALLOWED.
const files = scratchFiles('channel-words');

describeEachStore('order channels written in Indonesian or Latvian', (context) => {
  const db = () => context.store.db;

  it('imports every order with the channel its word names, accented or not, and none rejected', async () => {
    const rows: Array<[string, string, string]> = [
      ['ID-1', 'Toko', 'store'], ['ID-2', 'toko online', 'web'], ['ID-3', 'Aplikasi', 'mobile'], ['ID-4', 'WA', 'phone'],
      ['ID-5', 'Shopee', 'marketplace'], ['ID-6', 'Lainnya', 'other'],
      ['LV-1', 'veikalā', 'store'], ['LV-2', 'klatiene', 'store'], ['LV-3', 'e-veikals', 'web'], ['LV-4', 'tiessaiste', 'web'],
      ['LV-5', 'Mobilā lietotne', 'mobile'], ['LV-6', 'pa talruni', 'phone'], ['LV-7', 'tirdzniecības platforma', 'marketplace'],
      ['LV-8', '', 'other'],
    ];
    const file = files.file('orders.csv', [
      'order_id,customer_id,ordered_at,amount,channel',
      ...rows.map(([order, channel], index) => `${order},C${index},2026-03-0${1 + (index % 9)},150000,${channel}`),
    ].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file });
    expect(summary.rejectsSample).toEqual([]);
    expect(summary).toMatchObject({ read: rows.length, inserted: rows.length, rejected: 0 });
    const stored = await db().selectFrom('customer_order').select(['external_id', 'channel']).orderBy('external_id').execute();
    expect(stored).toEqual(rows.map(([order, , channel]) => ({ external_id: order, channel })).sort((a, b) => a.external_id.localeCompare(b.external_id)));
  });
});
