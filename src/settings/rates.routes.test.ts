import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

describeEachStore('exchange rates over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let marketer: TestSession;
  let analyst: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    [admin, marketer, analyst] = await Promise.all([signInAs(context.store, 'admin'), signInAs(context.store, 'marketer'), signInAs(context.store, 'analyst')]);
  });
  afterAll(async () => app?.close());

  const setRate = (session: TestSession | null, currency: string, payload: unknown) =>
    app.inject({ method: 'PUT', url: `/api/settings/rates/${currency}`, headers: session?.headers ?? {}, payload: payload as object });
  const order = (id: string) => ({ order_id: id, customer_email: 'eu@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '10.50', currency: 'EUR' });

  it('lets admins set a rate that ingest then converts with, as `clientele rates set` does', async () => {
    const ingest = (id: string) => app.inject({ method: 'POST', url: '/api/ingest/orders', headers: admin.headers, payload: { records: [order(id)] } });
    const before = await ingest('EU1');
    expect(before.json()).toMatchObject({ inserted: 0, rejected: 1, rejects: [{ field: 'currency' }] });

    const set = await setRate(admin, 'eur', { rate: 17_500 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ currency: 'EUR', rate: 17_500 });
    expect((await ingest('EU1')).json()).toMatchObject({ inserted: 1, rejected: 0 });
    const customer = await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=email&value=eu@example.com', headers: analyst.readHeaders });
    expect(customer.json().traits.revenue_minor).toBe(183_750);

    expect((await setRate(admin, 'EUR', { rate: 17_250.123456789012 })).json()).toEqual({ currency: 'EUR', rate: 17_250.1234567890 });
    const listed = await app.inject({ method: 'GET', url: '/api/settings/rates', headers: analyst.readHeaders });
    expect(listed.json()).toEqual({ storeCurrency: 'IDR', items: [{ currency: 'EUR', rate: 17_250.123456789 }] });
  });

  it('is readable by read roles and keys, writable only by those who change settings', async () => {
    const reader = await createTestApiKey(context.store, ['read']);
    expect((await app.inject({ method: 'GET', url: '/api/settings/rates', headers: reader.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/settings/rates' })).statusCode).toBe(401);
    expect((await setRate(null, 'USD', { rate: 16_000 })).statusCode).toBe(401);
    const refused = await setRate(marketer, 'USD', { rate: 16_000 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('AUTH_FORBIDDEN');
    expect((await app.inject({ method: 'PUT', url: '/api/settings/rates/USD', headers: reader.headers, payload: { rate: 16_000 } })).statusCode).toBe(403);
  });

  it('refuses unknown currencies and rates the store cannot hold, naming the field', async () => {
    const refusals: Array<[string, unknown, string, string]> = [
      ['XYZ', { rate: 1 }, 'SETTINGS_CURRENCY_UNKNOWN', 'currency'],
      ['EURO', { rate: 1 }, 'REQUEST_INVALID', 'currency'],
      ['USD', { rate: 0 }, 'REQUEST_INVALID', 'rate'],
      ['USD', { rate: '16000' }, 'REQUEST_INVALID', 'rate'],
      ['USD', { rate: 1e10 }, 'SETTINGS_RATE_INVALID', 'rate'],
      ['USD', { rate: 1e-11 }, 'SETTINGS_RATE_INVALID', 'rate'],
      ['USD', { rate: 1, note: 'x' }, 'REQUEST_INVALID', 'note'],
    ];
    for (const [currency, payload, code, field] of refusals) {
      const response = await setRate(admin, currency, payload);
      expect(response.statusCode, `${currency} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json().error).toMatchObject({ code, field });
    }
  });

  it('audits every change with the rate it replaced', async () => {
    await setRate(admin, 'SGD', { rate: 12_000 });
    await setRate(admin, 'SGD', { rate: 12_100 });
    const audit = await app.inject({ method: 'GET', url: '/api/audit?action=settings.rate.set&entityId=rate:SGD', headers: admin.headers });
    expect(audit.json().items.map((event: { actor: string; detail: unknown }) => event.detail)).toEqual([
      { currency: 'SGD', rate: 12_100, previousRate: 12_000 },
      { currency: 'SGD', rate: 12_000, previousRate: null },
    ]);
    expect(audit.json().items[0].actor).toContain(admin.user.email);
  });
});
