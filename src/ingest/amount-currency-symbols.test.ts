import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { updateStoreSettings } from '../settings/index.js';
import { importFile } from './import-file.service.js';

const { file } = scratchFiles('amount-symbols');
const header = 'order_id,customer_email,ordered_at,amount';

// A currency symbol beside an amount was ignored: in a euro store "Rp 45.000" was stored as
// €45,000.00 and "$12.99" as €12.99, and in a rupiah store "€ 150000" as Rp 150.000.
describeEachStore('amounts written with a currency symbol', (context) => {
  let app: FastifyInstance;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  const storedTotals = async (ids: string[]) =>
    (await context.store.db.selectFrom('customer_order').select(['external_id', 'currency', 'total_minor']).where('external_id', 'in', ids).orderBy('external_id').execute())
      .map((order) => [order.external_id, order.currency, Number(order.total_minor)]);
  const send = (key: string, records: Array<{ order_id: string; amount: string }>) =>
    app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: { ...ingestKey.headers, 'idempotency-key': key },
      payload: { records: records.map((record) => ({ ...record, customer_email: 'api@example.com', ordered_at: '2024-06-01' })) },
    });
  const mismatch = (line: number, value: string, written: string, currency: string) =>
    expect.objectContaining({ line, field: 'amount', code: 'AMOUNT_CURRENCY_MISMATCH', params: expect.objectContaining({ value, written, currency }) });

  it('in a rupiah store, rejects a file row in euros and stores the rows in rupiah', async () => {
    const rows = ['I1,ana@example.com,2024-03-01,€ 150000', 'I2,ana@example.com,2024-03-02,Rp 150.000', 'I3,ana@example.com,2024-03-03,"Rp45.000,00"'];
    const summary = await importFile(context.store.db, { ...importDefaults, entity: 'orders', file: file('idr.csv', `${header}\n${rows.join('\n')}\n`) });
    expect(summary).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(summary.rejectsSample).toEqual([mismatch(2, '€ 150000', '€', 'IDR')]);
    expect(summary.rejectsSample[0].reason).toContain('convert the amount to IDR');
    expect(await storedTotals(['I1', 'I2', 'I3'])).toEqual([['I2', 'IDR', 150000], ['I3', 'IDR', 45000]]);
  });

  it('in a rupiah store, rejects an API record in dollars and stores the record in rupiah', async () => {
    // written without a thousands separator: an API client's "Rp 12.990" could be 12.99 or 12990 (AMOUNT_AMBIGUOUS)
    const response = await send('idr-1', [{ order_id: 'J1', amount: '$12.99' }, { order_id: 'J2', amount: 'Rp 12990' }]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ read: 2, inserted: 1, rejected: 1, rejects: [mismatch(1, '$12.99', '$', 'IDR')] });
    expect(await storedTotals(['J1', 'J2'])).toEqual([['J2', 'IDR', 12990]]);
  });

  it('in a euro store, rejects file rows in rupiah and dollars and stores the rows in euros', async () => {
    await updateStoreSettings(context.store.db, { currency: 'EUR' });
    const rows = ['E1,eva@example.com,2024-03-01,Rp 45.000', 'E2,eva@example.com,2024-03-02,$12.99', 'E3,eva@example.com,2024-03-03,"1 234,50 €"', 'E4,eva@example.com,2024-03-04,€12.99'];
    const summary = await importFile(context.store.db, { ...importDefaults, entity: 'orders', file: file('eur.csv', `${header}\n${rows.join('\n')}\n`) });
    expect(summary).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    expect(summary.rejectsSample).toEqual([mismatch(2, 'Rp 45.000', 'Rp', 'EUR'), mismatch(3, '$12.99', '$', 'EUR')]);
    expect(await storedTotals(['E1', 'E2', 'E3', 'E4'])).toEqual([['E3', 'EUR', 123450], ['E4', 'EUR', 1299]]);
  });

  it('in a euro store, rejects an API record in rupiah and stores the record in euros', async () => {
    const response = await send('eur-1', [{ order_id: 'K1', amount: '€ 12,50' }, { order_id: 'K2', amount: 'Rp 45.000' }]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ read: 2, inserted: 1, rejected: 1, rejects: [mismatch(2, 'Rp 45.000', 'Rp', 'EUR')] });
    expect(await storedTotals(['K1', 'K2'])).toEqual([['K1', 'EUR', 1250]]);
  });
});
