import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../../test/helpers/import-files.js';
import { setCurrencyRate } from '../../settings/currency-rates.service.js';
import { importFile } from '../import-file.service.js';

const { file } = scratchFiles('order-rate');
const base = importDefaults;

// Re-importing an unchanged euro order after the rate changed rewrote its amounts and counted it
// "updated": an order keeps the rate it was first stored with.
describeEachStore('an order keeps the exchange rate it was first stored with', (context) => {
  it('leaves an unchanged foreign-currency order unchanged after a rate change, and converts a changed one at its own rate', async () => {
    const db = context.store.db;
    const storedOrder = async () => db.selectFrom('customer_order').select(['amount_minor', 'refunded_minor', 'total_minor', 'amount_factor', 'status'])
      .where('external_id', '=', 'P4').executeTakeFirstOrThrow();
    const header = 'order_id,customer_email,ordered_at,amount,currency,status,refunded_amount,channel';
    await setCurrencyRate(db, 'EUR', 17500);
    const first = await importFile(db, { ...base, entity: 'orders', file: file('o10.csv', `${header}\nP4,dave@example.com,2026-02-04,12,EUR,partially_refunded,2,marketplace\n`) });
    expect(first).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await storedOrder()).toMatchObject({ amount_minor: 210_000, refunded_minor: 35_000, total_minor: 1200, amount_factor: 175 });

    await setCurrencyRate(db, 'EUR', 18000);
    const again = await importFile(db, { ...base, entity: 'orders', file: file('o10.csv', `${header}\nP4,dave@example.com,2026-02-04,12,EUR,partially_refunded,2,marketplace\n`) });
    expect(again).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await storedOrder()).toMatchObject({ amount_minor: 210_000, refunded_minor: 35_000 });

    // a larger refund later: converted at the order's own rate, not today's
    const changed = await importFile(db, { ...base, entity: 'orders', file: file('o11.csv', `${header}\nP4,dave@example.com,2026-02-04,12,EUR,partially_refunded,4,marketplace\n`) });
    expect(changed).toMatchObject({ updated: 1 });
    expect(await storedOrder()).toMatchObject({ amount_minor: 210_000, refunded_minor: 70_000, amount_factor: 175 });

    // a new order is converted at the rate in force
    await importFile(db, { ...base, entity: 'orders', file: file('o12.csv', `${header}\nP5,dave@example.com,2026-02-05,10,EUR,paid,,web\n`) });
    expect(await db.selectFrom('customer_order').select(['amount_minor', 'amount_factor']).where('external_id', '=', 'P5').executeTakeFirstOrThrow())
      .toEqual({ amount_minor: 180_000, amount_factor: 180 });
  });
});
