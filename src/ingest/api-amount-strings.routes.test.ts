import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { setCurrencyRate } from '../settings/index.js';
import { locales, lookupMessage, messagesByLocale } from '../web/i18n/messages.js';

// A JSON string "12.345" from an API client may mean 12.345 as well as 12345: a file's "Rp 45.000" is thousands,
// but stored as thousands a client's "99.990" euros were 99,990 euros. The API refuses such a string; a file's rows
// (a batch sending `lines`, as the web app's import does) are read as the file importer reads them.
describeEachStore('ambiguous amount strings over HTTP', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest'], 'amount-strings')).headers;
    // the test store's currency is IDR: orders in EUR and KWD need rates
    await setCurrencyRate(context.store.db, 'EUR', 17_000);
    await setCurrencyRate(context.store.db, 'KWD', 52_000);
  });
  afterAll(async () => app?.close());

  const order = (id: string, amount: string | number, currency: string) => ({
    order_id: id, customer_email: `${id.toLowerCase()}@example.com`, ordered_at: '2024-06-01T10:00:00Z', currency, amount,
  });
  const send = (payload: object) => app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload });
  const stored = async (prefix: string) => (await context.store.db.selectFrom('customer_order').select(['external_id', 'total_minor', 'currency'])
    .where('external_id', 'like', `${prefix}%`).orderBy('external_id').execute()).map((row) => [row.external_id, Number(row.total_minor), row.currency]);

  it('rejects a string whose one separator is followed by three digits, naming both readings, and stores what is unambiguous', async () => {
    const response = await send({ records: [
      order('AMB-1', '12.345', 'EUR'), order('AMB-2', '99.990', 'EUR'), order('AMB-3', '1.000', 'EUR'), order('AMB-4', '12,500', 'EUR'),
      order('AMB-5', '0.500', 'EUR'), order('AMB-6', '12.5000', 'EUR'), order('AMB-7', 12.5, 'EUR'), order('AMB-8', '1.234,50', 'EUR'),
      order('AMB-9', '12.345', 'KWD'), order('AMB-A', '45.000', 'IDR'), order('AMB-B', '45000', 'IDR'),
    ] });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer).toMatchObject({ read: 11, inserted: 6, rejected: 5 });
    expect(answer.rejects.map((reject: { index: number; code: string; field: string }) => [reject.index, reject.code, reject.field])).toEqual([
      [0, 'AMOUNT_AMBIGUOUS', 'amount'], [1, 'AMOUNT_AMBIGUOUS', 'amount'], [2, 'AMOUNT_AMBIGUOUS', 'amount'], [3, 'AMOUNT_AMBIGUOUS', 'amount'], [9, 'AMOUNT_AMBIGUOUS', 'amount'],
    ]);
    expect(answer.rejects[0]).toMatchObject({
      params: { field: 'amount', value: '12.345', thousands: '12345', decimal: '12.345', example: '12.35', currency: 'EUR', currencyDecimals: 2 },
      reason: 'amount "12.345" is ambiguous: with a thousands separator it is 12345, with a decimal point 12.345; send the amount as a JSON number, or as a string with the 2 decimals EUR has ("12.35") or without a thousands separator ("12345")',
    });
    // the web app says it in the user's language from its code and params
    for (const locale of locales) {
      const text = lookupMessage(messagesByLocale[locale], `rejectReasons.${answer.rejects[0].code}`, answer.rejects[0].params);
      expect(text, locale).not.toMatch(/[{}]/);
      for (const named of ['12.345', '12345', '12.35', 'EUR', 'JSON']) expect(text, locale).toContain(named);
    }
    expect(answer.rejects[3].params).toMatchObject({ value: '12,500', thousands: '12500', decimal: '12.500', example: '12.50' });
    expect(answer.rejects[4]).toMatchObject({
      params: { value: '45.000', thousands: '45000', decimal: '45.000', example: '45', currency: 'IDR', currencyDecimals: 0 },
      reason: 'amount "45.000" is ambiguous: with a thousands separator it is 45000, with a decimal point 45.000; send the amount as a JSON number, or as a string of whole IDR ("45") or without a thousands separator ("45000")',
    });
    // nothing of a rejected record is stored; "0.500" (a leading 0), "12.5000", 12.5, "1.234,50" and KWD's three decimals are no doubt
    expect(await stored('AMB-')).toEqual([
      ['AMB-5', 50, 'EUR'], ['AMB-6', 1250, 'EUR'], ['AMB-7', 1250, 'EUR'], ['AMB-8', 123450, 'EUR'], ['AMB-9', 12345, 'KWD'], ['AMB-B', 45000, 'IDR'],
    ]);
  });

  it('reads a file\'s rows sent with their lines as the file importer does: one separator before three digits is thousands', async () => {
    const response = await send({ records: [order('FILE-1', '45.000', 'IDR'), order('FILE-2', 'Rp 12.500', 'IDR'), order('FILE-3', '1.000', 'EUR')], lines: [2, 3, 4] });
    expect(response.json()).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    expect(await stored('FILE-')).toEqual([['FILE-1', 45000, 'IDR'], ['FILE-2', 12500, 'IDR'], ['FILE-3', 100000, 'EUR']]);
  });

  it('echoes a JSON number as it was sent when it has more decimals than the currency', async () => {
    const response = await send({ records: [order('NUM-1', 12.345, 'EUR'), order('NUM-2', 12.345, 'IDR')] });
    const [euros, rupiah] = response.json().rejects;
    expect(euros).toMatchObject({
      code: 'AMOUNT_TOO_PRECISE', params: { field: 'amount', value: '12.345', decimals: 3, currency: 'EUR', currencyDecimals: 2 },
      reason: 'amount "12.345" needs 3 decimals but EUR has 2; round it to 2 decimals, or check the row\'s currency',
    });
    expect(rupiah).toMatchObject({ code: 'AMOUNT_TOO_PRECISE', params: { value: '12.345', currency: 'IDR' } });
    expect(rupiah.reason).toContain('amount "12.345" has decimals');
    expect(JSON.stringify(response.json())).not.toContain('12.3450');
  });
});
