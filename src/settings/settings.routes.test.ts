import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

/**
 * A new store's currency, time zone and phone country change over HTTP while nothing stored was
 * computed or read in them, and stay fixed, with the reason and what to do, once something is.
 * One store, walked from empty to holding orders.
 */
describeEachStore('store settings over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let marketer: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    [admin, marketer] = await Promise.all([signInAs(context.store, 'admin'), signInAs(context.store, 'marketer')]);
  });
  afterAll(async () => app?.close());

  const patch = (payload: unknown, session: TestSession = admin) => app.inject({ method: 'PATCH', url: '/api/settings', headers: session.headers, payload: payload as object });
  const read = async () => (await app.inject({ method: 'GET', url: '/api/settings', headers: admin.readHeaders })).json();
  const ingest = (entity: string, records: object[]) => app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers: admin.headers, payload: { records } });
  const noneFixed = { currency: null, timeZone: null, defaultCountry: null };

  it('says a new store can still change its currency, time zone and phone country', async () => {
    expect(await read()).toMatchObject({ currency: 'IDR', timeZone: 'Asia/Jakarta', defaultCountry: 'ID', fixed: noneFixed });
  });

  it('refuses values it does not know, naming the field, and changes nothing', async () => {
    const refusals: Array<[object, string, RegExp]> = [
      [{ currency: 'XYZ' }, 'currency', /"XYZ" is not a currency Clientele knows/],
      [{ currency: 'EURO' }, 'currency', /ISO 4217/],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', /not an IANA time zone/],
      // Intl and PostgreSQL read an offset in opposite directions
      [{ timeZone: '+05:00' }, 'timeZone', /not an offset/],
      [{ defaultCountry: 'AQ' }, 'defaultCountry', /"AQ" is not a country whose phone numbers/],
      [{ defaultCountry: 'Latvia' }, 'defaultCountry', /two-letter ISO 3166 code/],
      [{ locale: 'lv' }, 'locale', /./],
      [{}, '', /at least one of name, currency, timeZone, defaultCountry/],
    ];
    for (const [payload, field, message] of refusals) {
      const response = await patch(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('REQUEST_INVALID');
      if (field) expect(response.json().error.field).toBe(field);
      expect(response.json().error.message).toMatch(message);
    }
    expect(await read()).toMatchObject({ currency: 'IDR', timeZone: 'Asia/Jakarta', defaultCountry: 'ID' });
  });

  it('changes them while the store is empty, spelt as the standards spell them, removing rates into the old currency, and audits the change', async () => {
    expect((await app.inject({ method: 'PUT', url: '/api/settings/rates/USD', headers: admin.headers, payload: { rate: 16_000 } })).statusCode).toBe(200);
    const response = await patch({ currency: 'eur', timeZone: 'europe/riga', defaultCountry: 'lv' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV', fixed: noneFixed, ratesCleared: ['USD'],
      changed: { currency: { from: 'IDR', to: 'EUR' }, timeZone: { from: 'Asia/Jakarta', to: 'Europe/Riga' }, defaultCountry: { from: 'ID', to: 'LV' } },
    });
    expect(await read()).toMatchObject({ currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV' });
    expect((await app.inject({ method: 'GET', url: '/api/settings/rates', headers: admin.readHeaders })).json()).toEqual({ storeCurrency: 'EUR', items: [] });

    const audit = await app.inject({ method: 'GET', url: '/api/audit?action=settings.update', headers: admin.headers });
    expect(audit.json().items[0]).toMatchObject({
      actor: expect.stringContaining(admin.user.email), entityId: 'currency,timeZone,defaultCountry',
      detail: { currency: { from: 'IDR', to: 'EUR' }, timeZone: { from: 'Asia/Jakarta', to: 'Europe/Riga' }, defaultCountry: { from: 'ID', to: 'LV' }, ratesCleared: ['USD'] },
    });
    // the same values again are no change, and no audit entry
    expect((await patch({ currency: 'EUR', timeZone: 'Europe/Riga' })).json().changed).toEqual({});
    expect((await app.inject({ method: 'GET', url: '/api/audit?action=settings.update', headers: admin.headers })).json().items).toHaveLength(1);
  });

  it('lets only those who change settings change them', async () => {
    expect((await patch({ currency: 'USD' }, marketer)).statusCode).toBe(403);
    const reader = await createTestApiKey(context.store, ['read']);
    expect((await app.inject({ method: 'PATCH', url: '/api/settings', headers: reader.headers, payload: { currency: 'USD' } })).statusCode).toBe(403);
    expect((await read()).currency).toBe('EUR');
  });

  it('keeps the currency while a saved segment has amounts in it, and says which', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: admin.headers, payload: { name: 'Big spenders', filter: { field: 'revenue_minor', op: 'gte', value: 125_000 } } });
    expect(created.statusCode, created.body).toBe(201);
    const refused = await patch({ currency: 'USD' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'SETTINGS_FIXED_CONFLICT', field: 'currency', details: { reason: 'money_segments' } });
    expect(refused.json().error.message).toMatch(/saved segments have amounts in EUR: "Big spenders"\. Delete those segments or remove their amount conditions first/);
    expect((await read()).fixed).toMatchObject({ currency: { code: 'money_segments', segments: ['Big spenders'] }, timeZone: null });

    await app.inject({ method: 'DELETE', url: `/api/segments/${created.json().segment.segment_id}`, headers: admin.headers });
    expect((await read()).fixed.currency).toBeNull();
  });

  it('waits for an import under way, which reads its rows in the settings it started with', async () => {
    // what a `clientele import` in another process leaves in the store while it runs
    const run = await context.store.db.insertInto('import_run').values({ entity: 'customers', file_name: 'customers.csv', started_by: 'cli:test' }).returning('import_id').executeTakeFirstOrThrow();
    try {
      expect((await read()).fixed.timeZone).toMatchObject({ code: 'import_running', file: 'customers.csv' });
      const refused = await patch({ timeZone: 'Europe/Vilnius' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toMatch(/an import is under way \(customers\.csv\).*Try again once the import has finished\./);
    } finally {
      await context.store.db.updateTable('import_run').set({ status: 'completed' }).where('import_id', '=', run.import_id).execute();
    }
    expect((await read()).fixed).toEqual(noneFixed);
  });

  // the embedded store is one session: no other connection can hold a lock against it
  if (context.kind === 'server') it('refuses rather than waits while another connection writes customers, and changes nothing', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const writer = context.store.db.transaction().execute(async (trx) => {
      await sql`lock table customer in row exclusive mode`.execute(trx);
      locked();
      await held;
    });
    try {
      await isLocked;
      const refused = await patch({ timeZone: 'Europe/Vilnius' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('SETTINGS_STORE_BUSY_CONFLICT');
    } finally {
      release();
      await writer;
    }
    expect((await read()).timeZone).toBe('Europe/Riga');
  });

  it('keeps the time zone once interest events were read in it, and the phone country once phone numbers were', async () => {
    expect((await ingest('customers', [{ customer_id: 'C1', name: 'Anna', phone: '2612 3456' }])).json()).toMatchObject({ inserted: 1 });
    const country = await patch({ defaultCountry: 'ID' });
    expect(country.statusCode).toBe(409);
    expect(country.json().error).toMatchObject({ field: 'defaultCountry', details: { reason: 'phone_numbers' } });
    expect(country.json().error.message).toMatch(/phone numbers, and those written without a country code were read as LV numbers\. To use it, start a new store .* CLIENTELE_DEFAULT_COUNTRY=ID/);
    // a customer file without sign-up times leaves the zone free
    expect((await read()).fixed.timeZone).toBeNull();

    expect((await ingest('events', [{ customer_id: 'C1', kind: 'visit', occurred_at: '2024-12-01 10:00' }])).json()).toMatchObject({ inserted: 1 });
    const zone = await patch({ timeZone: 'Asia/Jakarta' });
    expect(zone.statusCode).toBe(409);
    expect(zone.json().error).toMatchObject({ field: 'timeZone', details: { reason: 'recorded_times' } });
    expect(zone.json().error.message).toMatch(/interest events or customers whose times may have been read in Europe\/Riga \(times written without an offset/);
    // the currency depends on neither
    expect((await patch({ currency: 'USD' })).json()).toMatchObject({ currency: 'USD', changed: { currency: { from: 'EUR', to: 'USD' } } });
  });

  it('keeps currency and time zone once the store holds orders, saying why and what to do', async () => {
    expect((await ingest('orders', [{ order_id: 'O1', customer_id: 'C1', ordered_at: '2024-12-02T10:00:00Z', amount: '12.50' }])).json()).toMatchObject({ inserted: 1 });
    const refused = await patch({ name: 'Riga shop', currency: 'EUR', timeZone: 'Europe/Berlin' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'SETTINGS_FIXED_CONFLICT', field: 'currency', details: { reason: 'orders' } });
    expect(refused.json().error.message).toBe(
      'The currency cannot change: the store holds orders, whose amounts are stored in USD. The time zone cannot change: the store holds orders, whose purchase days are counted in Europe/Riga. '
      + 'To use them, start a new store (another --db directory or database) set up with CLIENTELE_CURRENCY=EUR CLIENTELE_TIMEZONE=Europe/Berlin, '
      + 'or with `clientele settings set --currency EUR --time-zone Europe/Berlin` before its first import, and import your files there.',
    );
    // nothing of a refused request is applied, not even its name
    expect(await read()).toMatchObject({
      name: '', currency: 'USD', timeZone: 'Europe/Riga',
      fixed: { currency: { code: 'orders' }, timeZone: { code: 'orders' }, defaultCountry: { code: 'phone_numbers' } },
    });
    // the values it has are no change; a rename alone goes through
    expect((await patch({ currency: 'usd', timeZone: 'Europe/Riga', name: 'Riga shop' })).json()).toMatchObject({ name: 'Riga shop', changed: { name: { from: '', to: 'Riga shop' } } });
  });
});
