import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { storeCdnowPurchaseDays } from '../../test/fixtures/models/store-cdnow.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { updateStoreSettings } from '../settings/index.js';

const plainDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A prediction's days are calendar days: answered as a midnight-UTC instant, a client west of UTC
 * (the CDNOW store's America/New_York) reads its as-of day as the day before.
 */
describeEachStore('a prediction\'s as-of day, next purchase day and its fit\'s calibration end over HTTP, as plain dates', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  let marketer: TestSession;

  beforeAll(async () => {
    const { db } = context.store;
    await storeCdnowPurchaseDays(db);
    // as `demo load cdnow` leaves it: the end of the data set's last day in its time zone
    await updateStoreSettings(db, { timezone: 'America/New_York', data_as_of: '1998-06-30T23:59:59.999-04:00' });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-04T12:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
    marketer = await signInAs(context.store, 'marketer');
  }, 240_000);
  afterAll(async () => app?.close());

  it('answers the day the run predicted as of, YYYY-MM-DD, in the customer and in their prediction', async () => {
    const run = await app.inject({ method: 'POST', url: '/api/models/predict', payload: {}, headers: marketer.headers });
    expect(run.statusCode).toBe(200);
    const asOf = (run.json() as { asOf: string }).asOf;
    expect(asOf).toBe('1998-06-30');

    const { rows } = await sql<{ customer_id: number; next_day: string }>`
      select customer_id, to_char(next_purchase_day, 'YYYY-MM-DD') as next_day from customer_prediction
      where next_purchase_day is not null order by customer_id limit 1`.execute(context.store.db);
    const customerId = Number(rows[0].customer_id);

    const detail = await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: analyst.readHeaders });
    expect(detail.statusCode).toBe(200);
    const prediction = (detail.json() as { prediction: { as_of: string; next_purchase_day: string | null } }).prediction;
    expect(prediction.as_of).toBe(asOf);
    expect(prediction.next_purchase_day).toBe(rows[0].next_day);
    expect(prediction.next_purchase_day).toMatch(plainDay);

    const own = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/prediction`, headers: analyst.readHeaders });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ asOf, nextPurchaseDay: rows[0].next_day });
  });

  it('lists each recorded fit\'s calibration end as the day it is, YYYY-MM-DD', async () => {
    const fits = await app.inject({ method: 'GET', url: '/api/models/fits', headers: analyst.readHeaders });
    expect(fits.statusCode).toBe(200);
    const ends = (fits.json() as { items: Array<{ calibration_end: string }> }).items.map((fit) => fit.calibration_end);
    expect(ends.length).toBeGreaterThan(0);
    expect(new Set(ends)).toEqual(new Set(['1998-06-30']));
  });

  it('documents them as dates, not date-times', async () => {
    const document = app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content: { 'application/json': { schema: { properties: Record<string, { format?: string; properties?: Record<string, { format?: string }> }> } } } }> }>> };
    const customer = document.paths['/api/customers/{customerId}'].get.responses['200'].content['application/json'].schema.properties.prediction.properties!;
    expect([customer.as_of.format, customer.next_purchase_day.format]).toEqual(['date', 'date']);
    const own = document.paths['/api/customers/{customerId}/prediction'].get.responses['200'].content['application/json'].schema.properties;
    expect([own.asOf.format, own.nextPurchaseDay.format]).toEqual(['date', 'date']);
    const fit = (document.paths['/api/models/fits'].get.responses['200'].content['application/json'].schema.properties.items as unknown as { items: { properties: Record<string, { format?: string }> } }).items.properties;
    expect(fit.calibration_end.format).toBe('date');
  });
});
