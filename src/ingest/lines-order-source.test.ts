import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { locales, lookupMessage, messagesByLocale } from '../web/i18n/messages.js';
import { importFile } from './import-file.service.js';

// A lines file sent under another source than its orders' (the web's default had followed the
// last preset import) had every row rejected as "Order LV-1000 is not in the store", though the
// orders were there, under the source web: the reject now names the source it looked in, and the one that has the order.
const files = scratchFiles('lines-order-source');

describeEachStore('a lines file whose orders are under another source', (context) => {
  const db = () => context.store.db;

  it('names the source looked in and the source that holds the order, and only the first for an order nowhere', async () => {
    const orders = files.file('orders.csv', 'order_id,customer_id,ordered_at,amount\nLV-1000,C1,2024-05-01T10:00:00Z,10\nLV-1001,C1,2024-05-02T10:00:00Z,12\n');
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: orders, source: 'web' })).toMatchObject({ inserted: 2, rejected: 0 });
    const lines = files.file('lines.csv', 'order_id,sku,quantity,unit_price\nLV-1000,A,1,5\nLV-1001,B,2,6\nLV-9999,C,1,1\n');
    const wrong = await importFile(db(), { ...importDefaults, entity: 'lines', file: lines, source: 'online-retail' });
    expect(wrong).toMatchObject({ read: 3, inserted: 0, rejected: 3, orders: { rejected: 3 } });
    expect(wrong.rejectsSample[0]).toMatchObject({
      line: 2, field: 'order_id', code: 'LINE_ORDER_UNKNOWN', params: { order: 'LV-1000', source: 'online-retail', storedUnder: 'web' },
      reason: 'Order LV-1000 is not in the store under the source "online-retail"; it is under the source "web". Import the lines under that source (--source web).',
    });
    expect(wrong.rejectsSample[2]).toMatchObject({
      line: 4, code: 'LINE_ORDER_UNKNOWN', params: { order: 'LV-9999', source: 'online-retail' },
      reason: 'Order LV-9999 is not in the store under the source "online-retail". Import the orders file first (under the same source), then the lines.',
    });
    expect(wrong.rejectsSample[2].params).not.toHaveProperty('storedUnder');
    // under the source that holds them, the same file's lines land
    expect(await importFile(db(), { ...importDefaults, entity: 'lines', file: lines, source: 'web' })).toMatchObject({ inserted: 2, rejected: 1 });
  });

  it.each(locales)('%s: says the source looked in, in the app\'s language', (locale) => {
    const text = lookupMessage(messagesByLocale[locale], 'rejectReasons.LINE_ORDER_UNKNOWN', { order: 'LV-1000', source: 'online-retail' });
    expect(text).not.toMatch(/[{}]/);
    expect(text).toContain('LV-1000');
    expect(text).toContain('online-retail');
  });
});
